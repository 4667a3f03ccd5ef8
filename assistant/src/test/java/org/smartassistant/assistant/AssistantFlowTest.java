package org.smartassistant.assistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.ReminderTiming;
import org.smartassistant.common.stream.ReminderTriggered;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.MutableClock;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The running assistant for a test class: real Redis and consumer, Spring AI's OpenAI model against
 * the fake OpenAI API, a fake rest-service, "now" at Tuesday 24 November 2026, 08:30 UTC ({@link
 * #CLOCK}, which a test may move), and the helpers to send envelopes and read the answers. The
 * model is not retried ({@code smart.llm.max-retries} 0), and its circuit does not open; a subclass
 * changes that, or another fixed setting, with a {@code TestPropertySource} of its own (a Spring
 * context of its own). Every subclass runs against the fakes of this class, closed when the tests
 * end: user ids come from {@link #userIds}, so that no two tests share a user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@UseTestInfrastructure
@TestPropertySource(
    properties = {
      "smart.llm.openai.api-key=test-key",
      "smart.llm.timeout=5s",
      "smart.llm.max-retries=0",
      // the tests share one model: failures of one test must not open its circuit for the next
      "smart.llm.circuit-breaker.failures=1000",
      "smart.streams.consumer.retry-backoff=100ms"
    })
public abstract class AssistantFlowTest {

  protected static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");
  protected static final Duration WAIT = Duration.ofSeconds(30);

  protected static final FakeOpenAi llm = new FakeOpenAi().start();
  protected static final FakeRestService rest = new FakeRestService();
  protected static final AtomicLong userIds = new AtomicLong(10_000);

  @Autowired protected EnvelopePublisher publisher;
  @Autowired protected StringRedisTemplate redis;

  /** "Now" of the service: {@link #NOW} unless a test moves it (back at NOW after each test). */
  protected static final MutableClock CLOCK = new MutableClock(NOW);

  protected final EnvelopeCodec codec = new EnvelopeCodec();

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return CLOCK;
    }
  }

  // the fakes' addresses; fixed settings in @TestPropertySource, which a subclass may override
  @DynamicPropertySource
  static void outside(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", () -> rest.baseUrl());
    registry.add("smart.internal.token", () -> FakeRestService.TOKEN);
    registry.add("smart.llm.openai.base-url", () -> llm.apiUrl());
  }

  static {
    // shared by every subclass (and by their cached Spring context): closed when the tests end
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  llm.close();
                  rest.close();
                }));
  }

  @BeforeEach
  void resetLlm() {
    llm.reset();
  }

  @AfterEach
  void resetClock() {
    CLOCK.reset();
  }

  /** A user with the given name and zone, and a secretary with the instructions. */
  protected long newUser(String name, String zone, String instructions) {
    long id = userIds.incrementAndGet();
    rest.addUser(id, name, zone);
    rest.assignSecretary(id, instructions);
    return id;
  }

  /** The user's chat: its Telegram id in the fake rest-service. */
  protected static long chatOf(long user) {
    return 500_000 + user;
  }

  protected Envelope send(long user, String text) {
    return send(user, EnvelopeType.USER_MESSAGE, text);
  }

  protected Envelope send(long user, EnvelopeType type, String text) {
    Envelope envelope = Envelope.of(type, user, chatOf(user), text, "test", NOW);
    publisher.publish(envelope);
    return envelope;
  }

  protected Envelope sendReminder(long user, String text) {
    Envelope envelope = reminderNotice(user, text, NOW, ReminderTiming.ON_TIME);
    publisher.publish(envelope);
    return envelope;
  }

  /**
   * A {@code reminder_triggered} of a new one-time reminder (in Europe/Paris) to the user's chat,
   * with the attributes cron-service writes.
   */
  protected static Envelope reminderNotice(
      long user, String text, Instant scheduledFor, ReminderTiming timing) {
    ReminderTriggered notice =
        new ReminderTriggered(
            UUID.randomUUID().toString(),
            scheduledFor,
            text,
            timing,
            ReminderType.ONE_TIME,
            "Europe/Paris");
    return Envelope.of(
            EnvelopeType.REMINDER_TRIGGERED, user, chatOf(user), text, "cron-service", NOW)
        .withAttrs(notice.toAttrs());
  }

  protected Envelope awaitAnswer(Envelope message) {
    await().atMost(WAIT).until(() -> !answersTo(message).isEmpty());
    return answersTo(message).get(0);
  }

  /** The one answer to the message, once the consumer has acknowledged every entry. */
  protected Envelope onlyAnswerTo(Envelope message) {
    awaitAnswer(message);
    awaitProcessed();
    List<Envelope> answers = answersTo(message);
    assertThat(answers).as("outbox entries answering " + message.id()).hasSize(1);
    return answers.get(0);
  }

  /** Every outbox envelope that answers the message. */
  protected List<Envelope> answersTo(Envelope message) {
    return outbox().stream()
        .filter(envelope -> message.id().toString().equals(envelope.attr("inReplyTo")))
        .toList();
  }

  /** The outbox's answers (replies, notifications, errors), oldest first: drafts left out. */
  protected List<Envelope> outbox() {
    return everythingInOutbox().stream()
        .filter(envelope -> envelope.type() != EnvelopeType.DRAFT)
        .toList();
  }

  /** The drafts of the answer to the message, oldest first. */
  protected List<Envelope> draftsOf(Envelope message) {
    return everythingInOutbox().stream()
        .filter(envelope -> envelope.type() == EnvelopeType.DRAFT)
        .filter(envelope -> message.id().toString().equals(envelope.attr("inReplyTo")))
        .toList();
  }

  private List<Envelope> everythingInOutbox() {
    return redis.opsForStream().range(Streams.OUTBOX, Range.unbounded()).stream()
        .map(record -> codec.decode((String) record.getValue().get("envelope")))
        .toList();
  }

  /** Waits until the consumer acknowledged every entry (nothing of the group is pending). */
  protected void awaitProcessed() {
    await()
        .atMost(WAIT)
        .until(
            () ->
                redis
                        .opsForStream()
                        .pending(Streams.INBOX, Streams.ASSISTANT_GROUP)
                        .getTotalPendingMessages()
                    == 0);
  }

  /** A change event as rest-service publishes it, for the caches to drop the entry. */
  protected void publishChange(ChangeKind kind, String id) {
    ChangeEvent event = new ChangeEvent(kind, id, ChangeType.UPDATED, NOW, Map.of());
    redis.opsForStream().add(StreamRecords.newRecord().in(kind.stream()).ofMap(event.toFields()));
  }

  protected List<OpenAiRequest> requestsOf(String systemPromptPart) {
    return llm.requests().stream().filter(r -> r.systemPromptContains(systemPromptPart)).toList();
  }

  /** The result of the last tool call in a request, as the tool returned it. */
  protected static String lastToolResult(OpenAiRequest request) {
    List<OpenAiMessage> results = request.toolResults();
    String result = results.get(results.size() - 1).content();
    // Spring AI sends a string result JSON-encoded
    return result.startsWith("\"") ? result.substring(1, result.length() - 1) : result;
  }
}
