package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;

class EnvelopePublisherTest {

  private final StreamFixture streams = new StreamFixture();

  @AfterEach
  void cleanUp() {
    streams.close();
  }

  @Test
  void addsTheEnvelopeAsCodecJsonInTheEnvelopeField() {
    Envelope envelope = StreamFixture.envelope(42, "hello");

    String id = streams.publish(envelope);

    List<MapRecord<String, Object, Object>> entries =
        streams.redis.opsForStream().range(streams.stream, Range.unbounded());
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getId().getValue()).isEqualTo(id);
    assertThat(streams.codec.decode((String) entries.get(0).getValue().get("envelope")))
        .isEqualTo(envelope);
  }

  @Test
  void linksEachEntryToThePreviousEntryOfTheSameUser() {
    String firstOfA = streams.publish(1, "a1");
    String firstOfB = streams.publish(2, "b1");
    String secondOfA = streams.publish(1, "a2");

    List<MapRecord<String, Object, Object>> entries =
        streams.redis.opsForStream().range(streams.stream, Range.unbounded());
    assertThat(entries.get(0).getValue()).doesNotContainKey("prev");
    assertThat(entries.get(1).getValue()).doesNotContainKey("prev");
    assertThat(entries.get(2).getValue()).containsEntry("prev", firstOfA);
    assertThat(List.of(firstOfA, firstOfB, secondOfA)).doesNotHaveDuplicates();
  }

  @Test
  void neverTrimsWhatNoGroupHasRead() {
    EnvelopePublisher publisher = streams.publisher();

    for (int i = 0; i < 1_000; i++) {
      publisher.publishTo(streams.stream, StreamFixture.envelope(i % 7, "m" + i), null);
    }

    // trimming is the StreamTrimmer's, and only of acknowledged entries (StreamTrimmerTest)
    assertThat(streams.length()).isEqualTo(1_000);
  }

  @Test
  void idempotencyKeyAddsTheEnvelopeOnlyOnce() {
    EnvelopePublisher publisher = streams.publisher();
    Map<String, String> attrs = Map.of("reminderId", "5", "scheduledFor", "2026-11-23T09:00:00Z");
    String key = "reminder:5:2026-11-23T09:00:00Z";

    PublishResult first =
        publisher.publishTo(
            streams.stream, StreamFixture.envelope(7, "call mum").withAttrs(attrs), key);
    // the same reminder fired a second time (e.g. by another scheduler node): a new envelope
    PublishResult again =
        publisher.publishTo(
            streams.stream, StreamFixture.envelope(7, "call mum").withAttrs(attrs), key);

    assertThat(first.duplicate()).isFalse();
    assertThat(again.duplicate()).isTrue();
    assertThat(again.recordId()).isEqualTo(first.recordId());
    assertThat(streams.length()).isEqualTo(1);
  }

  @Test
  void concurrentPublishersWithOneIdempotencyKeyAddOneEntry() throws Exception {
    EnvelopePublisher publisher = streams.publisher();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<PublishResult>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(
            () ->
                publisher.publishTo(streams.stream, StreamFixture.envelope(3, "once"), "the-key"));
      }
      List<PublishResult> results = new ArrayList<>();
      for (Future<PublishResult> future : pool.invokeAll(calls)) {
        results.add(future.get());
      }

      assertThat(results).filteredOn(r -> !r.duplicate()).hasSize(1);
      assertThat(results)
          .extracting(PublishResult::recordId)
          .containsOnly(results.get(0).recordId());
      assertThat(streams.length()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void differentIdempotencyKeysAddSeparateEntries() {
    EnvelopePublisher publisher = streams.publisher();

    publisher.publishTo(streams.stream, StreamFixture.envelope(7, "a"), "reminder:5:09:00");
    publisher.publishTo(streams.stream, StreamFixture.envelope(7, "a"), "reminder:5:10:00");

    assertThat(streams.length()).isEqualTo(2);
  }

  @Test
  void aKeptValueIsSetWithTheEntryItGoesWith() {
    PublishResult result = publishReplyKeeping("the answer");

    assertThat(result.duplicate()).isFalse();
    assertThat(streams.length()).isEqualTo(1);
    assertThat(streams.redis.opsForValue().get(keptKey())).isEqualTo("the answer");
    assertThat(streams.redis.getExpire(keptKey(), TimeUnit.SECONDS)).isBetween(1L, 300L);
  }

  @Test
  void aKeptValueIsNotSetWhenItsEntryWasPublishedBefore() {
    publishReplyKeeping("first");

    PublishResult again = publishReplyKeeping("second");

    assertThat(again.duplicate()).isTrue();
    assertThat(streams.length()).isEqualTo(1);
    assertThat(streams.redis.opsForValue().get(keptKey())).isEqualTo("first");
  }

  /** A reply under one idempotency key, keeping its text under {@link #keptKey}. */
  private PublishResult publishReplyKeeping(String text) {
    return streams
        .publisher()
        .publishTo(
            streams.stream,
            StreamFixture.envelope(7, text),
            "reply:1",
            new KeptValue(keptKey(), text, Duration.ofMinutes(5)));
  }

  private String keptKey() {
    return streams.stream + ":done";
  }
}
