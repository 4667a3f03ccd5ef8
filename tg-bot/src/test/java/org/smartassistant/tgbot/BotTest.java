package org.smartassistant.tgbot;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.TcpProxy;
import org.smartassistant.testsupport.TestRedis;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole tg-bot against a fake Telegram, a fake rest-service and a real Redis (reached through a
 * proxy a test can cut). Subclasses share one application context; each test uses Telegram ids of
 * its own, so tests never see each other's messages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class BotTest {

  /** Telegram user ids on the bot's allowlist. */
  protected static final long FIRST_ALLOWED = 5001;

  protected static final long LAST_ALLOWED = 5099;

  /** Not on the allowlist. */
  protected static final long STRANGER = 6666;

  /** Group chats the bot answers in (one per test); others are refused. */
  protected static final long FIRST_ALLOWED_GROUP = -1005001;

  protected static final long LAST_ALLOWED_GROUP = -1005020;

  protected static final String TOKEN = "4242:test-token";
  protected static final Duration PATIENCE = Duration.ofSeconds(15);

  protected static final FakeTelegramBotApi telegram = new FakeTelegramBotApi().start();
  protected static final FakeRestService rest = new FakeRestService().start();
  protected static final String redisUrl = TestRedis.get().newDatabase();
  protected static final TcpProxy redisProxy =
      new TcpProxy(TestRedis.get().host(), TestRedis.get().port());

  /**
   * Redis directly, not through the proxy: for looking at the streams while the bot's link is cut.
   */
  protected static final StringRedisTemplate directRedis = directRedis();

  private static final EnvelopeCodec codec = new EnvelopeCodec();

  @Autowired protected EnvelopePublisher publisher;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("smart.telegram.bot-token", () -> TOKEN);
    registry.add("smart.telegram.api-url", telegram::baseUrl);
    registry.add("smart.telegram.access-mode", () -> "allowlist");
    registry.add(
        "smart.telegram.allowed-user-ids",
        () ->
            LongStream.rangeClosed(FIRST_ALLOWED, LAST_ALLOWED)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
    registry.add(
        "smart.telegram.groups.allowed-ids",
        () ->
            LongStream.rangeClosed(LAST_ALLOWED_GROUP, FIRST_ALLOWED_GROUP)
                .mapToObj(Long::toString)
                .collect(Collectors.joining(",")));
    registry.add("smart.telegram.poll-timeout", () -> "2s");
    registry.add("smart.telegram.rate.global-per-second", () -> "0");
    // an update failing for good is given up after about 7.5 s, well within PATIENCE
    registry.add("smart.telegram.intake.max-retry-delay", () -> "1s");
    registry.add("smart.rest-service.url", rest::baseUrl);
    registry.add("smart.rest-service.max-retries", () -> "0");
    registry.add("smart.calendar-service.url", rest::baseUrl);
    registry.add("smart.internal.token", () -> "internal-test-token-0123456789abcdef");
    registry.add(
        "spring.data.redis.url",
        () -> "redis://127.0.0.1:" + redisProxy.port() + URI.create(redisUrl).getPath());
    registry.add("smart.streams.consumer.retry-backoff", () -> "200ms");
    registry.add("smart.streams.consumer.reclaim-idle", () -> "5s");
  }

  private static StringRedisTemplate directRedis() {
    URI uri = URI.create(redisUrl);
    RedisStandaloneConfiguration configuration =
        new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
    configuration.setDatabase(Integer.parseInt(uri.getPath().substring(1)));
    LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
    factory.afterPropertiesSet();
    factory.start();
    return new StringRedisTemplate(factory);
  }

  @BeforeEach
  void freshFakes() {
    redisProxy.restore();
    telegram.reset();
    rest.reset();
  }

  /** The envelopes in a stream, oldest first. */
  protected static List<Envelope> envelopes(String stream) {
    List<MapRecord<String, Object, Object>> records =
        directRedis.opsForStream().range(stream, Range.unbounded());
    List<Envelope> envelopes = new ArrayList<>();
    if (records != null) {
      for (MapRecord<String, Object, Object> record : records) {
        envelopes.add(codec.decode((String) record.getValue().get("envelope")));
      }
    }
    return envelopes;
  }

  /** The inbox envelopes of a chat, oldest first. */
  protected static List<Envelope> inbox(long chatId) {
    return envelopes(Streams.INBOX).stream().filter(e -> e.chatId() == chatId).toList();
  }

  /** Waits until the inbox holds {@code count} envelopes of the chat. */
  protected static List<Envelope> awaitInbox(long chatId, int count) throws InterruptedException {
    return awaitEnvelopes(Streams.INBOX, e -> e.chatId() == chatId, count);
  }

  protected static List<Envelope> awaitEnvelopes(
      String stream, Predicate<Envelope> wanted, int count) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      List<Envelope> found = envelopes(stream).stream().filter(wanted).toList();
      if (found.size() >= count || Instant.now().isAfter(deadline)) {
        return found;
      }
      Thread.sleep(50);
    }
  }

  /** Puts a reply for the chat into the outbox, as the assistant does. */
  protected Envelope reply(long userId, long chatId, String text) {
    return toOutbox(EnvelopeType.REPLY, userId, chatId, text, Map.of());
  }

  /** Puts an envelope of the given type and attributes into the outbox, as the assistant does. */
  protected Envelope toOutbox(
      EnvelopeType type, long userId, long chatId, String text, Map<String, String> attrs) {
    Envelope envelope =
        Envelope.of(type, userId, chatId, text, "assistant", Instant.now()).withAttrs(attrs);
    publisher.publish(envelope);
    return envelope;
  }
}
