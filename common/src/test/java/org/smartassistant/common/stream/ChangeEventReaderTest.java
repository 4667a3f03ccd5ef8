package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeListener;
import org.smartassistant.common.events.ChangeType;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The readers use the real {@code changes:reminder} stream, which another process on the same Redis
 * (a running deployment, another test run) may also write to: every test's events carry its own
 * prefix, the recorders count only those, and the clean-up removes only what the test added (its
 * entries, its group), never the stream.
 */
class ChangeEventReaderTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration BLOCK = Duration.ofMillis(100);
  private static final ChangeKind KIND = ChangeKind.REMINDER;

  private final StringRedisTemplate redis =
      new StringRedisTemplate(StreamFixture.connectionFactory());
  private final String group = "test-" + UUID.randomUUID();
  private final String prefix = UUID.randomUUID() + "-";
  private final List<ChangeEventReader> readers = new ArrayList<>();
  private final List<RecordId> added = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    readers.forEach(ChangeEventReader::stop);
    if (!added.isEmpty()) {
      redis.opsForStream().delete(KIND.stream(), added.toArray(RecordId[]::new));
    }
    if (Boolean.TRUE.equals(redis.hasKey(KIND.stream()))
        && redis.opsForStream().groups(KIND.stream()).stream()
            .anyMatch(info -> info.groupName().equals(group))) {
      redis.opsForStream().destroyGroup(KIND.stream(), group);
    }
  }

  @Test
  void everyInstanceSeesEveryEventPublishedSinceItStartedAndHearsOfMissedOnes() {
    publish("before");
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    start(ChangeEventReader.everyInstance(redis, List.of(KIND), BLOCK, List.of(first)));
    start(ChangeEventReader.everyInstance(redis, List.of(KIND), BLOCK, List.of(second)));

    publish("after");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(first.ids).containsExactly(prefix + "after");
              assertThat(second.ids).containsExactly(prefix + "after");
            });
    assertThat(first.missed.get()).isEqualTo(1);
  }

  @Test
  void inAGroupEachEventGoesToOneInstanceAndIsAcknowledged() {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    start(ChangeEventReader.oneInstancePerGroup(redis, KIND, group, BLOCK, List.of(first)));
    start(ChangeEventReader.oneInstancePerGroup(redis, KIND, group, BLOCK, List.of(second)));

    for (int i = 0; i < 20; i++) {
      publish("event-" + i);
    }

    // both instances join the group (a reader joins with its first read, which a busy machine
    // may delay until the other has taken every event)
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              List<String> all = new ArrayList<>(first.ids);
              all.addAll(second.ids);
              assertThat(all).as("events handed over").hasSize(20);
              assertThat(pending()).as("entries not acknowledged").isZero();
              assertThat(consumers()).as("consumers in the group").hasSize(2);
            });
    List<String> all = new ArrayList<>(first.ids);
    all.addAll(second.ids);
    assertThat(all).doesNotHaveDuplicates().hasSize(20);
    assertThat(first.missed.get()).isZero();
  }

  private List<String> consumers() {
    return redis.opsForStream().consumers(KIND.stream(), group).stream()
        .map(StreamInfo.XInfoConsumer::consumerName)
        .distinct()
        .toList();
  }

  @Test
  void unreadableEventsAndFailingListenersDoNotStopTheReader() {
    Recorder recorder = new Recorder();
    ChangeListener failing =
        event -> {
          throw new IllegalStateException("cannot");
        };
    start(
        ChangeEventReader.oneInstancePerGroup(
            redis, KIND, group, BLOCK, List.of(failing, recorder)));

    added.add(
        redis.opsForStream().add(MapRecord.create(KIND.stream(), Map.of("kind", "nonsense"))));
    publish("fine");

    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(recorder.ids).containsExactly(prefix + "fine");
              assertThat(pending()).isZero();
            });
  }

  private void start(ChangeEventReader reader) {
    readers.add(reader);
    reader.start();
  }

  private void publish(String id) {
    ChangeEvent event =
        new ChangeEvent(KIND, prefix + id, ChangeType.UPDATED, Instant.now(), Map.of());
    added.add(redis.opsForStream().add(MapRecord.create(KIND.stream(), event.toFields())));
  }

  private long pending() {
    PendingMessagesSummary summary = redis.opsForStream().pending(KIND.stream(), group);
    return summary == null ? 0 : summary.getTotalPendingMessages();
  }

  /**
   * Records the events of this test (by their prefix), and how often it was told of missed ones.
   */
  private final class Recorder implements ChangeListener {
    final List<String> ids = new CopyOnWriteArrayList<>();
    final AtomicInteger missed = new AtomicInteger();

    @Override
    public void changed(ChangeEvent event) {
      if (event.id().startsWith(prefix)) {
        ids.add(event.id());
      }
    }

    @Override
    public void missedChanges() {
      missed.incrementAndGet();
    }
  }
}
