package org.smartassistant.rest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.StreamConsumer;
import org.smartassistant.common.stream.StreamConsumers;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import tools.jackson.databind.JsonNode;

/**
 * The dead-letter endpoints against real streams: entries are dead-lettered by a real consumer of
 * the inbox (the one plumbing every service uses), then listed, replayed and dropped.
 */
class DeadLetterResourceTest extends RestServiceTest {

  @Autowired StreamConsumers consumers;
  @Autowired EnvelopePublisher publisher;

  private final AtomicBoolean failing = new AtomicBoolean(true);
  private final List<Envelope> handled = new CopyOnWriteArrayList<>();
  private StreamConsumer consumer;

  @BeforeEach
  void inboxConsumerThatFailsWhileTold() {
    redis.delete(List.of(Streams.INBOX, Streams.dlq(Streams.INBOX), Streams.dlq(Streams.OUTBOX)));
    consumer =
        consumers.create(
            consumers
                .settings(Streams.INBOX, Streams.ASSISTANT_GROUP)
                .withMaxAttempts(1)
                .withBlockTimeout(Duration.ofMillis(100)),
            envelope -> {
              if (failing.get()) {
                throw new IllegalStateException("the model is down");
              }
              handled.add(envelope);
            },
            letter -> {});
    consumer.start();
  }

  @AfterEach
  void stopConsumer() {
    consumer.stop();
  }

  @Test
  void aDeadLetterIsListedReplayedOnceAndHandledOnce() {
    Envelope message = userMessage("remind me at noon");
    publisher.publish(message);
    JsonNode letter = awaitOneDeadLetter();
    String id = letter.get("id").asString();
    assertThat(letter.get("originalId").asString()).isNotBlank();
    assertThat(letter.get("group").asString()).isEqualTo(Streams.ASSISTANT_GROUP);
    assertThat(letter.get("error").asString()).contains("the model is down");
    assertThat(letter.get("attempts").asInt()).isEqualTo(1);
    assertThat(letter.get("replayable").asBoolean()).isTrue();
    assertThat(letter.get("envelope").asString()).contains(message.id().toString());
    Api.Response sizes = api().get("/api/dead-letters");
    assertThat(sizes.json().get(0).get("stream").asString()).isEqualTo("inbox");
    assertThat(sizes.json().get(0).get("size").asLong()).isEqualTo(1);
    assertThat(api().get("/api/dead-letters/inbox/" + id).json().get("id").asString())
        .isEqualTo(id);

    failing.set(false);
    Api.Response replay = api().post("/api/dead-letters/inbox/" + id + "/replay", "");

    assertThat(replay.status()).as(replay.toString()).isEqualTo(202);
    assertThat(replay.text("envelopeId")).isEqualTo(message.id().toString());
    await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);
    assertThat(handled.get(0).id()).isEqualTo(message.id());
    assertThat(handled.get(0).attrs()).containsEntry("replayOf", id);
    assertThat(api().get("/api/dead-letters/inbox").json()).isEmpty();
    assertThat(api().post("/api/dead-letters/inbox/" + id + "/replay", "").status()).isEqualTo(404);
  }

  @Test
  void aCopyOfADeadLetterWhoseEnvelopeWasHandledSinceIsNotReplayed() {
    Envelope message = userMessage("what is the weather");
    publisher.publish(message);
    JsonNode letter = awaitOneDeadLetter();
    // a stale copy of the entry, as left by a replay that stopped before removing it
    Map<String, String> fields =
        Map.of(
            "envelope",
            letter.get("envelope").asString(),
            "originalId",
            letter.get("originalId").asString(),
            "group",
            Streams.ASSISTANT_GROUP,
            "error",
            "copy",
            "attempts",
            "1");
    String copy =
        redis
            .opsForStream()
            .add(StreamRecords.newRecord().in(Streams.dlq(Streams.INBOX)).ofMap(fields))
            .getValue();
    failing.set(false);
    assertThat(
            api()
                .post("/api/dead-letters/inbox/" + letter.get("id").asString() + "/replay", "")
                .status())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 1);

    Api.Response again = api().post("/api/dead-letters/inbox/" + copy + "/replay", "");

    assertThat(again.status()).as(again.toString()).isEqualTo(409);
    assertThat(again.text("detail")).contains("handled since");
    assertThat(inboxEntriesOf(message)).isEqualTo(2);
    assertThat(handled).hasSize(1);
    assertThat(api().delete("/api/dead-letters/inbox/" + copy).status()).isEqualTo(204);
    assertThat(api().delete("/api/dead-letters/inbox/" + copy).status()).isEqualTo(404);
  }

  @Test
  void anEntryThatIsNoEnvelopeCanOnlyBeDropped() {
    String id =
        redis
            .opsForStream()
            .add(
                StreamRecords.newRecord()
                    .in(Streams.dlq(Streams.OUTBOX))
                    .ofMap(Map.of("envelope", "{not json", "error", "unreadable")))
            .getValue();

    JsonNode listed = api().get("/api/dead-letters/outbox").json();
    Api.Response replay = api().post("/api/dead-letters/outbox/" + id + "/replay", "");

    assertThat(listed.get(0).get("replayable").asBoolean()).isFalse();
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.text("detail")).contains("can only be dropped");
    assertThat(api().delete("/api/dead-letters/outbox/" + id).status()).isEqualTo(204);
  }

  @Test
  void badPathsAndMissingTokensAreRefused() {
    assertThat(api().get("/api/dead-letters/users").status()).isEqualTo(404);
    assertThat(api().get("/api/dead-letters/inbox:dlq").status()).isEqualTo(404);
    assertThat(api().get("/api/dead-letters/inbox/not-an-id").status()).isEqualTo(400);
    assertThat(api().get("/api/dead-letters/inbox/1-0").status()).isEqualTo(404);
    assertThat(api().get("/api/dead-letters/inbox?limit=0").status()).isEqualTo(400);
    assertThat(api().get("/api/dead-letters/inbox?before=..%2F..").status()).isEqualTo(400);
    assertThat(api().withToken(null).get("/api/dead-letters").status()).isEqualTo(401);
    assertThat(api().withToken("x".repeat(40)).delete("/api/dead-letters/inbox/1-0").status())
        .isEqualTo(401);
  }

  private JsonNode awaitOneDeadLetter() {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> api().get("/api/dead-letters/inbox").json().size() == 1);
    return api().get("/api/dead-letters/inbox").json().get(0);
  }

  private long inboxEntriesOf(Envelope message) {
    List<MapRecord<String, Object, Object>> entries =
        redis.opsForStream().range(Streams.INBOX, Range.unbounded());
    return entries.stream()
        .filter(
            entry ->
                String.valueOf(entry.getValue().get("envelope")).contains(message.id().toString()))
        .count();
  }

  private static Envelope userMessage(String text) {
    return Envelope.of(EnvelopeType.USER_MESSAGE, 42L, 42L, text, "telegram", Instant.now());
  }
}
