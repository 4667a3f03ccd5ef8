package org.smartassistant.e2e.conversation;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.Suite;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * What the conversation scenarios do to the running suite: users in rest-service, messages into the
 * inbox as tg-bot writes them ({@code user_message}, {@code conversation_reset}), and the answers,
 * dead letters and conversation windows read from the suite's Redis. One per test JVM.
 */
final class ConversationFixture {

  static final Duration ANSWER_PATIENCE = Duration.ofSeconds(60);

  private static ConversationFixture shared;

  final Suite suite;
  final RestServiceClient rest;
  final StringRedisTemplate redis;
  final EnvelopePublisher publisher;
  final EnvelopeCodec codec = new EnvelopeCodec();

  private ConversationFixture(Suite suite) {
    this.suite = suite;
    this.rest =
        ServiceClients.create(
            RestServiceClient.class,
            RestClient.builder(),
            ServiceClientProperties.of(suite.baseUrl(Service.REST)),
            suite.internalToken());
    URI redisUrl = URI.create(suite.redisUrl());
    RedisStandaloneConfiguration configuration =
        new RedisStandaloneConfiguration(redisUrl.getHost(), redisUrl.getPort());
    String path = redisUrl.getPath();
    if (path != null && path.length() > 1) {
      configuration.setDatabase(Integer.parseInt(path.substring(1)));
    }
    LettuceConnectionFactory connections = new LettuceConnectionFactory(configuration);
    connections.afterPropertiesSet();
    connections.start();
    this.redis = new StringRedisTemplate(connections);
    this.publisher = new EnvelopePublisher(redis, codec, 100_000, Duration.ofDays(7));
  }

  static synchronized ConversationFixture get() {
    if (shared == null) {
      shared = new ConversationFixture(Suite.shared());
    }
    return shared;
  }

  /**
   * A user with a fresh conversation: created in rest-service (or found, when an earlier run of the
   * scenario created it) with the given first name and time zone.
   */
  UserDto user(long telegramId, String firstName, String timezone) {
    UserDto user;
    try {
      user =
          rest.createUser(new CreateUserRequest(telegramId, null, firstName, null, timezone, "en"));
    } catch (HttpClientErrorException.Conflict e) {
      user = rest.userByTelegramId(telegramId);
      user =
          rest.updateUser(
              user.id(), new UpdateUserRequest(null, firstName, null, timezone, null, null));
    }
    rest.resetMessages(user.id());
    redis.delete(conversationKey(user));
    return user;
  }

  /** A text from the user, as tg-bot puts it into the inbox. */
  Envelope send(UserDto user, String text) {
    return publish(user, EnvelopeType.USER_MESSAGE, text);
  }

  /** The user's /reset, as tg-bot puts it into the inbox. */
  Envelope reset(UserDto user) {
    return publish(user, EnvelopeType.CONVERSATION_RESET, null);
  }

  private Envelope publish(UserDto user, EnvelopeType type, String text) {
    Envelope envelope =
        Envelope.of(type, user.id(), user.telegramId(), text, "telegram", Instant.now());
    publisher.publish(envelope);
    return envelope;
  }

  Envelope awaitAnswer(Envelope message) {
    await().atMost(ANSWER_PATIENCE).until(() -> !answersTo(message).isEmpty());
    return answersTo(message).get(0);
  }

  /** The outbox entries answering the message, in stream order. */
  List<Envelope> answersTo(Envelope message) {
    return outbox().stream()
        .filter(answer -> message.id().toString().equals(answer.attr("inReplyTo")))
        .toList();
  }

  /** Every envelope in the outbox, in stream order. */
  List<Envelope> outbox() {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(Streams.OUTBOX, Range.unbounded());
    return records.stream()
        .map(record -> codec.decode((String) record.getValue().get("envelope")))
        .toList();
  }

  List<Map<Object, Object>> deadLettersOf(Envelope message) {
    return redis.opsForStream().range(Streams.dlq(Streams.INBOX), Range.unbounded()).stream()
        .map(MapRecord::getValue)
        .filter(fields -> String.valueOf(fields.get("envelope")).contains(message.id().toString()))
        .toList();
  }

  /** The Redis key of the user's conversation window (docs/assistant.md). */
  static String conversationKey(UserDto user) {
    return "assistant:conversation:" + user.id();
  }
}
