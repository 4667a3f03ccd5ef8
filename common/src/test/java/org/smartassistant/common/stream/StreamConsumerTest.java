package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.stream.MapRecord;

class StreamConsumerTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final StreamFixture streams = new StreamFixture();

  @AfterEach
  void cleanUp() {
    streams.close();
  }

  @Test
  void acknowledgesOnlyAfterTheHandlerReturned() throws Exception {
    CountDownLatch inHandler = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    streams.consumer(
        envelope -> {
          inHandler.countDown();
          release.await();
        });

    streams.publish(1, "hello");

    assertThat(inHandler.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(streams.pending()).isEqualTo(1);
    release.countDown();
    await().atMost(WAIT).until(() -> streams.pending() == 0);
  }

  @Test
  void handlerExceptionLeavesTheEntryPending() {
    AtomicInteger calls = new AtomicInteger();
    streams.consumer(
        s -> s.withMaxAttempts(5).withRetryBackoff(Duration.ofMinutes(1)),
        envelope -> {
          calls.incrementAndGet();
          throw new IllegalStateException("LLM down");
        },
        DeadLetterHandler.NONE,
        new SimpleMeterRegistry());

    streams.publish(1, "hello");

    await().atMost(WAIT).until(() -> calls.get() == 1);
    assertThat(streams.pending()).isEqualTo(1);
    assertThat(streams.deadLetters()).isEmpty();
  }

  @Test
  void retriesAFailedEnvelopeAndAcknowledgesItAfterSuccess() {
    List<String> attempts = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    streams.consumer(
        s -> s.withMaxAttempts(3),
        envelope -> {
          attempts.add(envelope.text());
          if (attempts.size() == 1) {
            throw new IllegalStateException("LLM answered 500");
          }
        },
        DeadLetterHandler.NONE,
        meters);

    streams.publish(1, "hello");

    await().atMost(WAIT).until(() -> attempts.size() == 2 && streams.pending() == 0);
    assertThat(attempts).containsExactly("hello", "hello");
    assertThat(streams.deadLetters()).isEmpty();
    assertThat(meters.counter("smart.stream.failed", tags()).count()).isEqualTo(1);
    assertThat(meters.counter("smart.stream.processed", tags()).count()).isEqualTo(1);
  }

  @Test
  void deadLettersAnUnparseableEntryAtOnceAndGoesOn() {
    List<String> handled = new CopyOnWriteArrayList<>();
    List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    streams.consumer(
        s -> s,
        envelope -> handled.add(envelope.text()),
        deadLetters::add,
        new SimpleMeterRegistry());

    String poison = streams.addRaw(Map.of("envelope", "{not json"));
    streams.publish(1, "after the poison");

    await().atMost(WAIT).until(() -> handled.size() == 1 && streams.pending() == 0);
    assertThat(handled).containsExactly("after the poison");
    List<MapRecord<String, Object, Object>> dlq = streams.deadLetters();
    assertThat(dlq).hasSize(1);
    Map<Object, Object> dead = dlq.get(0).getValue();
    assertThat(dead)
        .containsEntry("envelope", "{not json")
        .containsEntry("originalId", poison)
        .containsEntry("attempts", "1")
        .containsEntry("group", StreamFixture.GROUP)
        .containsKey("consumer");
    assertThat((String) dead.get("error")).contains("malformed envelope JSON");
    assertThat(deadLetters).singleElement().satisfies(d -> assertThat(d.envelope()).isNull());
  }

  @Test
  void deadLettersAfterMaxAttemptsWithErrorAndAttemptCountAndTellsTheHandlerOnce()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    streams.consumer(
        s -> s.withMaxAttempts(3),
        envelope -> {
          calls.incrementAndGet();
          throw new IllegalStateException("LLM answered 500");
        },
        deadLetters::add,
        meters);
    Envelope envelope = StreamFixture.envelope(1, "hello");

    String recordId = streams.publish(envelope);

    await().atMost(WAIT).until(() -> streams.deadLetters().size() == 1);
    Map<Object, Object> dead = streams.deadLetters().get(0).getValue();
    assertThat(dead)
        .containsEntry("attempts", "3")
        .containsEntry("originalId", recordId)
        .containsEntry("envelope", streams.codec.encode(envelope));
    assertThat((String) dead.get("error")).contains("IllegalStateException: LLM answered 500");
    await().atMost(WAIT).until(() -> streams.pending() == 0);
    Thread.sleep(500); // no further attempt, no second dead letter
    assertThat(calls).hasValue(3);
    assertThat(deadLetters).hasSize(1);
    DeadLetter deadLetter = deadLetters.get(0);
    assertThat(deadLetter.envelope()).isEqualTo(envelope);
    assertThat(deadLetter.attempts()).isEqualTo(3);
    assertThat(deadLetter.recordId()).isEqualTo(recordId);
    assertThat(streams.deadLetters()).hasSize(1);
    assertThat(meters.counter("smart.stream.dead.lettered", tags()).count()).isEqualTo(1);
  }

  @Test
  void onlyAnEnvelopeReadAsNewIsOnItsFirstAttempt() throws Exception {
    Duration reclaimIdle = Duration.ofMillis(600);
    List<String> seen = new CopyOnWriteArrayList<>();
    CountDownLatch crashedHandling = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    StreamConsumer first =
        streams.consumer(
            s -> s.withReclaimIdle(reclaimIdle).withMaxAttempts(3),
            envelope -> {
              seen.add(
                  envelope.text()
                      + ": "
                      + HandlingAttempt.isFirst(envelope.id())
                      + ", other id "
                      + HandlingAttempt.isFirst(UUID.randomUUID()));
              if (envelope.text().equals("fails once") && seen.size() == 1) {
                throw new IllegalStateException("LLM answered 500");
              }
              if (envelope.text().equals("crashes")) {
                crashedHandling.countDown();
                never.await();
              }
            },
            DeadLetterHandler.NONE,
            new SimpleMeterRegistry());

    streams.publish(1, "fails once");
    await().atMost(WAIT).until(() -> seen.size() == 2 && streams.pending() == 0);
    streams.publish(
        StreamFixture.envelope(2, "replayed")
            .withAttrs(Map.of(EnvelopeAttribute.REPLAY_OF.wireName(), "1-0")));
    await().atMost(WAIT).until(() -> seen.size() == 3 && streams.pending() == 0);
    streams.publish(3, "crashes");
    assertThat(crashedHandling.await(10, TimeUnit.SECONDS)).isTrue();
    first.abort();
    streams.consumer(
        s -> s.withReclaimIdle(reclaimIdle),
        envelope ->
            seen.add(envelope.text() + " (reclaimed): " + HandlingAttempt.isFirst(envelope.id())),
        DeadLetterHandler.NONE,
        new SimpleMeterRegistry());
    await().atMost(WAIT).until(() -> seen.size() == 5 && streams.pending() == 0);
    never.countDown();

    assertThat(seen)
        .containsExactly(
            "fails once: true, other id false",
            "fails once: false, other id false",
            "replayed: false, other id false",
            "crashes: true, other id false",
            "crashes (reclaimed): false");
    assertThat(HandlingAttempt.isFirst(null)).isFalse();
  }

  @Test
  void anotherConsumerReclaimsTheEntryOfACrashedConsumerAndHandlesItOnce() throws Exception {
    CountDownLatch firstIsHandling = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    List<String> finishedBySecond = new CopyOnWriteArrayList<>();
    Duration reclaimIdle = Duration.ofMillis(600);
    StreamConsumer first =
        streams.consumer(
            s -> s.withReclaimIdle(reclaimIdle),
            envelope -> {
              firstIsHandling.countDown();
              never.await();
            },
            DeadLetterHandler.NONE,
            new SimpleMeterRegistry());
    streams.publish(1, "asked while the LLM was answering");
    assertThat(firstIsHandling.await(10, TimeUnit.SECONDS)).isTrue();

    first.abort();
    SimpleMeterRegistry secondMeters = new SimpleMeterRegistry();
    streams.consumer(
        s -> s.withReclaimIdle(reclaimIdle),
        envelope -> finishedBySecond.add(envelope.text()),
        DeadLetterHandler.NONE,
        secondMeters);

    await().atMost(WAIT).until(() -> finishedBySecond.size() == 1 && streams.pending() == 0);
    never.countDown(); // the crashed consumer's handler returns: it must not acknowledge or retry
    Thread.sleep(2 * reclaimIdle.toMillis());
    assertThat(finishedBySecond).containsExactly("asked while the LLM was answering");
    assertThat(secondMeters.counter("smart.stream.reclaimed", tags()).count()).isEqualTo(1);
    assertThat(streams.pending()).isZero();
  }

  @Test
  void attemptCountSurvivesACrashedConsumer() throws Exception {
    Duration reclaimIdle = Duration.ofMillis(600);
    AtomicInteger firstCalls = new AtomicInteger();
    CountDownLatch thirdAttemptStarted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    StreamConsumer first =
        streams.consumer(
            s -> s.withReclaimIdle(reclaimIdle).withMaxAttempts(3),
            envelope -> {
              if (firstCalls.incrementAndGet() < 3) {
                throw new IllegalStateException("LLM answered 500");
              }
              thirdAttemptStarted.countDown();
              never.await(); // the process dies during the last allowed attempt
            },
            DeadLetterHandler.NONE,
            new SimpleMeterRegistry());
    String recordId = streams.publish(1, "hello");
    assertThat(thirdAttemptStarted.await(10, TimeUnit.SECONDS)).isTrue();
    first.abort();
    AtomicInteger secondCalls = new AtomicInteger();
    List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    streams.consumer(
        s -> s.withReclaimIdle(reclaimIdle).withMaxAttempts(3),
        envelope -> secondCalls.incrementAndGet(),
        deadLetters::add,
        new SimpleMeterRegistry());

    await().atMost(WAIT).until(() -> streams.deadLetters().size() == 1 && streams.pending() == 0);
    never.countDown();
    assertThat(secondCalls).hasValue(0);
    assertThat(streams.deadLetters().get(0).getValue())
        .containsEntry("attempts", "4")
        .containsEntry("originalId", recordId);
    assertThat(deadLetters).singleElement().satisfies(d -> assertThat(d.attempts()).isEqualTo(4));
  }

  @Test
  void slowHandlerKeepsItsEntryFromBeingReclaimed() {
    Duration reclaimIdle = Duration.ofMillis(1_500);
    List<String> handled = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    EnvelopeHandler slow =
        envelope -> {
          Thread.sleep(3 * reclaimIdle.toMillis());
          handled.add(envelope.text());
        };
    streams.consumer(s -> s.withReclaimIdle(reclaimIdle), slow, DeadLetterHandler.NONE, meters);
    streams.consumer(s -> s.withReclaimIdle(reclaimIdle), slow, DeadLetterHandler.NONE, meters);

    streams.publish(1, "slow one");

    await().atMost(WAIT).until(() -> handled.size() == 1 && streams.pending() == 0);
    assertThat(handled).containsExactly("slow one");
    assertThat(meters.counter("smart.stream.reclaimed", tags()).count()).isZero();
  }

  @Test
  void envelopeAddedTwiceIsHandledOnce() throws Exception {
    List<String> handled = new CopyOnWriteArrayList<>();
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    streams.consumer(
        s -> s, envelope -> handled.add(envelope.text()), DeadLetterHandler.NONE, meters);
    Envelope envelope = StreamFixture.envelope(1, "sent twice by a retrying producer");

    streams.publish(envelope);
    streams.publish(envelope);

    await().atMost(WAIT).until(() -> streams.length() == 2 && streams.pending() == 0);
    await()
        .atMost(WAIT)
        .until(() -> meters.counter("smart.stream.duplicates", tags()).count() == 1);
    assertThat(handled).containsExactly("sent twice by a retrying producer");
  }

  @Test
  void envelopeRedeliveredAfterItWasProcessedIsAcknowledgedWithoutHandling() {
    List<String> handled = new CopyOnWriteArrayList<>();
    Envelope envelope = StreamFixture.envelope(1, "hello");
    streams.consumer(envelope1 -> handled.add(envelope1.text()));
    streams.publish(envelope);
    await().atMost(WAIT).until(() -> handled.size() == 1 && streams.pending() == 0);

    // the same envelope again, e.g. re-added after an entry was lost and restored by an operator
    streams.addRaw(Map.of("envelope", streams.codec.encode(envelope)));

    await().atMost(WAIT).until(() -> streams.pending() == 0 && streams.length() == 2);
    assertThat(handled).containsExactly("hello");
  }

  @Test
  void differentUsersAreHandledInParallel() throws Exception {
    CountDownLatch userBHandled = new CountDownLatch(1);
    List<String> handled = new CopyOnWriteArrayList<>();
    streams.consumer(
        envelope -> {
          if (envelope.userId() == 1) {
            // user A's slow LLM call lasts until user B has been answered
            assertThat(userBHandled.await(10, TimeUnit.SECONDS)).isTrue();
            handled.add(envelope.text());
          } else {
            handled.add(envelope.text());
            userBHandled.countDown();
          }
        });

    streams.publish(1, "A asks something slow");
    streams.publish(2, "B asks");

    await().atMost(WAIT).until(() -> handled.size() == 2 && streams.pending() == 0);
    assertThat(handled).containsExactly("B asks", "A asks something slow");
  }

  @Test
  void aUserSendingManyMessagesDoesNotHoldBackOtherUsers() {
    List<String> handled = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 30; i++) {
      streams.publish(1, Integer.toString(i));
    }
    streams.publish(2, "hello");

    streams.consumer(
        s -> s.withParallelism(1).withBatchSize(4),
        envelope -> {
          if (envelope.userId() == 1) {
            Thread.sleep(50);
          }
          handled.add(envelope.userId() + ":" + envelope.text());
        },
        DeadLetterHandler.NONE,
        new SimpleMeterRegistry());

    await().atMost(WAIT).until(() -> handled.size() == 31 && streams.pending() == 0);
    // with one handler thread, user 2 waits for at most the few of user 1's messages in progress
    assertThat(handled.indexOf("2:hello")).isLessThan(10);
  }

  @Test
  void aFailingEnvelopeHoldsBackTheSameUsersLaterOnesUntilItSucceeds() {
    List<String> handled = new CopyOnWriteArrayList<>();
    AtomicInteger firstAttempts = new AtomicInteger();
    streams.consumer(
        s -> s.withMaxAttempts(3).withRetryBackoff(Duration.ofMillis(200)),
        envelope -> {
          if (envelope.text().equals("1") && firstAttempts.incrementAndGet() == 1) {
            throw new IllegalStateException("transient");
          }
          handled.add(envelope.text());
        },
        DeadLetterHandler.NONE,
        new SimpleMeterRegistry());

    streams.publish(1, "1");
    streams.publish(1, "2");
    streams.publish(1, "3");

    await().atMost(WAIT).until(() -> handled.size() == 3 && streams.pending() == 0);
    assertThat(handled).containsExactly("1", "2", "3");
  }

  @Test
  void gracefulStopFinishesTheEnvelopeInHandAndLeavesRetriesPending() throws Exception {
    CountDownLatch slowStarted = new CountDownLatch(1);
    AtomicInteger failingCalls = new AtomicInteger();
    List<String> finished = new CopyOnWriteArrayList<>();
    StreamConsumer consumer =
        streams.consumer(
            s -> s.withMaxAttempts(5).withRetryBackoff(Duration.ofMinutes(1)),
            envelope -> {
              if (envelope.userId() == 2) {
                failingCalls.incrementAndGet();
                throw new IllegalStateException("fails, retried in a minute");
              }
              slowStarted.countDown();
              Thread.sleep(500);
              finished.add(envelope.text());
            },
            DeadLetterHandler.NONE,
            new SimpleMeterRegistry());
    streams.publish(2, "failing");
    await().atMost(WAIT).until(() -> failingCalls.get() == 1);
    streams.publish(1, "slow");
    assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();

    consumer.stop();

    assertThat(consumer.isRunning()).isFalse();
    assertThat(finished).containsExactly("slow");
    assertThat(streams.pending()).isEqualTo(1); // the failing one, not acknowledged
    assertThat(failingCalls).hasValue(1);
  }

  @Test
  void stoppedConsumerReadsNothingMore() throws Exception {
    List<String> handled = new CopyOnWriteArrayList<>();
    StreamConsumer consumer = streams.consumer(envelope -> handled.add(envelope.text()));
    streams.publish(1, "before");
    await().atMost(WAIT).until(() -> handled.size() == 1);

    consumer.stop();
    streams.publish(1, "after");
    Thread.sleep(300);

    assertThat(handled).containsExactly("before");
    assertThat(streams.length()).isEqualTo(2);
  }

  private String[] tags() {
    return new String[] {"stream", streams.stream, "group", StreamFixture.GROUP};
  }
}
