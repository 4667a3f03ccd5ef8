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
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.StringRedisTemplate;

class ChangeEventReaderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration BLOCK = Duration.ofMillis(100);
  private static final ChangeKind KIND = ChangeKind.REMINDER;

  private final StringRedisTemplate redis =
      new StringRedisTemplate(StreamFixture.connectionFactory());
  private final String group = "test-" + UUID.randomUUID();
  private final List<ChangeEventReader> readers = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    readers.forEach(ChangeEventReader::stop);
    redis.delete(KIND.stream());
  }

  @Test
  void everyInstanceSeesEveryEventPublishedSinceItStartedAndHearsOfMissedOnes() {
    publish("before");
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    start(ChangeEventReader.everyInstance(redis, List.of(KIND), BLOCK, List.of(first)));
    start(ChangeEventReader.everyInstance(redis, List.of(KIND), BLOCK, List.of(second)));

    publish("after");

    await().atMost(WAIT).until(() -> first.ids.size() == 1 && second.ids.size() == 1);
    assertThat(first.ids).containsExactly("after");
    assertThat(second.ids).containsExactly("after");
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
        .until(
            () ->
                first.ids.size() + second.ids.size() == 20
                    && pending() == 0
                    && consumers().size() == 2);
    List<String> all = new ArrayList<>(first.ids);
    all.addAll(second.ids);
    assertThat(all).doesNotHaveDuplicates().hasSize(20);
    assertThat(first.missed.get()).isZero();
    assertThat(consumers()).hasSize(2);
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

    redis.opsForStream().add(MapRecord.create(KIND.stream(), Map.of("kind", "nonsense")));
    publish("fine");

    await().atMost(WAIT).until(() -> recorder.ids.size() == 1 && pending() == 0);
    assertThat(recorder.ids).containsExactly("fine");
  }

  private void start(ChangeEventReader reader) {
    readers.add(reader);
    reader.start();
  }

  private void publish(String id) {
    ChangeEvent event = new ChangeEvent(KIND, id, ChangeType.UPDATED, Instant.now(), Map.of());
    redis.opsForStream().add(MapRecord.create(KIND.stream(), event.toFields()));
  }

  private long pending() {
    PendingMessagesSummary summary = redis.opsForStream().pending(KIND.stream(), group);
    return summary == null ? 0 : summary.getTotalPendingMessages();
  }

  private static final class Recorder implements ChangeListener {
    final List<String> ids = new CopyOnWriteArrayList<>();
    final AtomicInteger missed = new AtomicInteger();

    @Override
    public void changed(ChangeEvent event) {
      ids.add(event.id());
    }

    @Override
    public void missedChanges() {
      missed.incrementAndGet();
    }
  }
}
