package org.smartassistant.assistant;

import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
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
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running assistant for a test class: real Redis and consumer, Spring AI's OpenAI model against
 * the fake OpenAI API, a fake rest-service, "now" fixed at Tuesday 24 November 2026, 08:30 UTC, and
 * the helpers to send envelopes and read the answers. One subclass per set of properties; each
 * subclass runs against the fakes of this class, closed after it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@UseTestInfrastructure
public abstract class AssistantFlowTest {

  protected static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");
  protected static final Duration WAIT = Duration.ofSeconds(30);

  protected static final FakeOpenAi llm = new FakeOpenAi().start();
  protected static final FakeRestService rest = new FakeRestService();
  protected static final AtomicLong userIds = new AtomicLong(10_000);

  @Autowired protected EnvelopePublisher publisher;
  @Autowired protected StringRedisTemplate redis;

  protected final EnvelopeCodec codec = new EnvelopeCodec();

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @DynamicPropertySource
  static void outside(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", () -> rest.baseUrl());
    registry.add("smart.internal.token", () -> FakeRestService.TOKEN);
    registry.add("smart.llm.openai.base-url", () -> llm.apiUrl());
    registry.add("smart.llm.openai.api-key", () -> "test-key");
    registry.add("smart.llm.timeout", () -> "5s");
    registry.add("smart.llm.max-retries", () -> "0");
    registry.add("smart.streams.consumer.retry-backoff", () -> "100ms");
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

  /** A user with the given name and zone, and a secretary with the instructions. */
  protected long newUser(String name, String zone, String instructions) {
    long id = userIds.incrementAndGet();
    rest.addUser(id, name, zone);
    rest.assignSecretary(id, instructions);
    return id;
  }

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
    Envelope envelope =
        Envelope.of(EnvelopeType.REMINDER_TRIGGERED, user, chatOf(user), text, "test", NOW)
            .withAttrs(
                Map.of(
                    "reminderId",
                    UUID.randomUUID().toString(),
                    "scheduledFor",
                    NOW.toString(),
                    "text",
                    text,
                    "status",
                    "delivered"));
    publisher.publish(envelope);
    return envelope;
  }

  protected Envelope awaitAnswer(Envelope message) {
    await().atMost(WAIT).until(() -> !answersTo(message).isEmpty());
    return answersTo(message).get(0);
  }

  /** Every outbox envelope that answers the message. */
  protected List<Envelope> answersTo(Envelope message) {
    return outbox().stream()
        .filter(envelope -> message.id().toString().equals(envelope.attr("inReplyTo")))
        .toList();
  }

  protected List<Envelope> outbox() {
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
