package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;

class StreamTrimmerTest {

  private final StreamFixture streams = new StreamFixture();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger trimmerLogger = (Logger) LoggerFactory.getLogger(StreamTrimmer.class);
  private final List<StreamTrimmer> trimmers = new ArrayList<>();

  @BeforeEach
  void captureLog() {
    log.start();
    trimmerLogger.addAppender(log);
  }

  @AfterEach
  void cleanUp() {
    trimmers.forEach(StreamTrimmer::stop);
    trimmerLogger.detachAppender(log);
    streams.close();
  }

  @Test
  void anUnreadBacklogPastTheLimitIsKeptMeasuredAndWarnedAboutThenTrimmedOnceAcknowledged()
      throws Exception {
    long limit = 100_000;
    int total = 120_000;
    // the assistant's group exists, but no consumer runs
    new ConsumerGroupClient(streams.redis, streams.stream, StreamFixture.GROUP, "none")
        .ensureGroup();
    StreamTrimmer trimmer = trimmer(limit, Duration.ofMillis(200));
    EnvelopePublisher publisher =
        new EnvelopePublisher(streams.redis, streams.codec, Duration.ofMinutes(10), trimmer);
    trimmer.start();

    ExecutorService producers = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      int producer = p;
      done.add(
          producers.submit(
              () -> {
                for (int i = producer; i < total; i += 8) {
                  publisher.publishTo(
                      streams.stream, StreamFixture.envelope(i % 1_000, "m" + i), null);
                }
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    producers.shutdown();

    // nothing lost: every entry is still there
    assertThat(streams.length()).isEqualTo(total);
    String firstKept = nthEntryId(total - (int) limit + 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(gauge("smart.stream.backlog").value()).isEqualTo(total);
              assertThat(gauge("smart.stream.pending").value()).isZero();
              assertThat(lengthGauge().value()).isEqualTo(total);
            });
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(warnings())
                    .anySatisfy(
                        warning ->
                            assertThat(warning)
                                .contains(streams.stream)
                                .contains("of smart.streams.max-length (100000)"))
                    .anySatisfy(
                        warning ->
                            assertThat(warning)
                                .contains(streams.stream)
                                .containsPattern(StreamFixture.GROUP + " \\d+ unacknowledged")
                                .contains("grows past the limit")));
    assertThat(streams.length()).isEqualTo(total);

    Set<UUID> handled = ConcurrentHashMap.newKeySet();
    streams.consumer(
        s -> s.withParallelism(32).withBatchSize(500),
        envelope -> handled.add(envelope.id()),
        DeadLetterHandler.NONE,
        new SimpleMeterRegistry());

    await().atMost(Duration.ofMinutes(5)).until(() -> handled.size() == total);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(streams.length()).isEqualTo(limit);
              assertThat(gauge("smart.stream.backlog").value()).isZero();
              assertThat(lengthGauge().value()).isEqualTo(limit);
            });
    // the oldest (acknowledged) entries went, the newest `limit` stayed
    assertThat(nthEntryId(1)).isEqualTo(firstKept);
  }

  @Test
  void pendingEntriesAreNeverTrimmedEvenWhenTheyAreTheOldest() {
    StreamTrimmer trimmer = trimmer(10, Duration.ofMinutes(1));
    new ConsumerGroupClient(streams.redis, streams.stream, StreamFixture.GROUP, "a").ensureGroup();
    new ConsumerGroupClient(streams.redis, streams.stream, "other", "b").ensureGroup();
    for (int i = 0; i < 1_000; i++) {
      streams.publish(i % 7, "m" + i);
    }
    List<String> ids = readAll(StreamFixture.GROUP, "a");
    // the group "workers" holds its three oldest entries (a slow or dead consumer); every other
    // entry is acknowledged by both groups
    streams
        .redis
        .opsForStream()
        .acknowledge(
            streams.stream, StreamFixture.GROUP, ids.subList(3, ids.size()).toArray(String[]::new));
    streams
        .redis
        .opsForStream()
        .acknowledge(streams.stream, "other", readAll("other", "b").toArray(String[]::new));

    StreamTrimmer.StreamState state = trimmer.upkeep(streams.stream);

    assertThat(state.trimmed()).isZero();
    assertThat(streams.length()).isEqualTo(1_000);
    assertThat(streams.pending()).isEqualTo(3);
    assertThat(gauge("smart.stream.pending").value()).isEqualTo(3);
    for (String id : ids.subList(0, 3)) {
      assertThat(streams.redis.opsForStream().range(streams.stream, Range.closed(id, id)))
          .hasSize(1);
    }

    // once they are acknowledged, all but the newest 10 go
    streams
        .redis
        .opsForStream()
        .acknowledge(streams.stream, StreamFixture.GROUP, ids.subList(0, 3).toArray(String[]::new));
    state = trimmer.upkeep(streams.stream);

    assertThat(state.trimmed()).isEqualTo(990);
    assertThat(streams.length()).isEqualTo(10);
    assertThat(nthEntryId(1)).isEqualTo(ids.get(990));
  }

  @Test
  void aPendingEntryBetweenAcknowledgedOnesStopsTheTrimmingThere() {
    StreamTrimmer trimmer = trimmer(10, Duration.ofMinutes(1));
    new ConsumerGroupClient(streams.redis, streams.stream, StreamFixture.GROUP, "a").ensureGroup();
    for (int i = 0; i < 100; i++) {
      streams.publish(i % 7, "m" + i);
    }
    List<String> ids = readAll(StreamFixture.GROUP, "a");
    List<String> acknowledged = new ArrayList<>(ids);
    acknowledged.remove(50);
    streams
        .redis
        .opsForStream()
        .acknowledge(streams.stream, StreamFixture.GROUP, acknowledged.toArray(String[]::new));

    StreamTrimmer.StreamState state = trimmer.upkeep(streams.stream);

    assertThat(state.trimmed()).isEqualTo(50);
    assertThat(nthEntryId(1)).isEqualTo(ids.get(50));
    assertThat(streams.pending()).isEqualTo(1);
  }

  @Test
  void backlogIsWhatIsPendingPlusWhatIsNotYetDelivered() {
    StreamTrimmer trimmer = trimmer(1_000, Duration.ofMinutes(1));
    new ConsumerGroupClient(streams.redis, streams.stream, StreamFixture.GROUP, "a").ensureGroup();
    for (int i = 0; i < 100; i++) {
      streams.publish(i % 7, "m" + i);
    }
    List<MapRecord<String, Object, Object>> read =
        streams
            .redis
            .opsForStream()
            .read(
                Consumer.from(StreamFixture.GROUP, "a"),
                StreamReadOptions.empty().count(30),
                StreamOffset.create(streams.stream, ReadOffset.lastConsumed()));
    streams
        .redis
        .opsForStream()
        .acknowledge(
            streams.stream,
            StreamFixture.GROUP,
            read.subList(0, 10).stream().map(r -> r.getId().getValue()).toArray(String[]::new));

    StreamTrimmer.StreamState state = trimmer.upkeep(streams.stream);

    assertThat(state.groups())
        .singleElement()
        .satisfies(
            group -> {
              assertThat(group.pending()).isEqualTo(20);
              assertThat(group.lag()).isEqualTo(70);
            });
    assertThat(gauge("smart.stream.pending").value()).isEqualTo(20);
    assertThat(gauge("smart.stream.backlog").value()).isEqualTo(90);
    assertThat(lengthGauge().value()).isEqualTo(100);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aStreamWithoutAGroupIsNeverTrimmedButWarnedAbout() {
    StreamTrimmer trimmer = trimmer(100, Duration.ofMinutes(1));
    EnvelopePublisher publisher =
        new EnvelopePublisher(streams.redis, streams.codec, Duration.ofMinutes(10), trimmer);
    for (int i = 0; i < 1_000; i++) {
      publisher.publishTo(streams.stream, StreamFixture.envelope(i % 7, "m" + i), null);
    }

    trimmer.upkeepAll();

    assertThat(streams.length()).isEqualTo(1_000);
    assertThat(lengthGauge().value()).isEqualTo(1_000);
    assertThat(warnings())
        .singleElement()
        .satisfies(
            warning ->
                assertThat(warning).contains(streams.stream).contains("no consumer group yet"));
    // the warning is not repeated within the minute
    trimmer.upkeepAll();
    assertThat(warnings()).hasSize(1);
  }

  @Test
  void consumersWatchTheirStreamThroughTheFactory() {
    StreamTrimmer trimmer = trimmer(100, Duration.ofMinutes(1));
    StreamConsumers consumers =
        new StreamConsumers(
            streams.redis,
            streams.codec,
            registry,
            Clock.systemUTC(),
            StreamProperties.defaults(),
            trimmer,
            null);

    consumers.create(streams.settings(), envelope -> {}, DeadLetterHandler.NONE);

    assertThat(trimmer.streams()).containsExactly(streams.stream);
  }

  @Test
  void theDeadLetterGaugeCountsTheEntriesOfTheDeadLetterStream() {
    StreamTrimmer trimmer = trimmer(100, Duration.ofHours(1));
    trimmer.upkeep(streams.stream);
    assertThat(deadLetterGauge().value()).isZero();
    for (int i = 0; i < 3; i++) {
      streams
          .redis
          .opsForStream()
          .add(Streams.dlq(streams.stream), java.util.Map.of("error", "failed " + i));
    }

    trimmer.upkeep(streams.stream);

    assertThat(deadLetterGauge().value()).isEqualTo(3);
  }

  private Gauge deadLetterGauge() {
    return registry.get("smart.stream.dead.letters").tag("stream", streams.stream).gauge();
  }

  private StreamTrimmer trimmer(long limit, Duration interval) {
    StreamTrimmer trimmer =
        new StreamTrimmer(streams.redis, registry, Clock.systemUTC(), limit, interval);
    trimmers.add(trimmer);
    return trimmer;
  }

  private Gauge gauge(String name) {
    return registry
        .get(name)
        .tag("stream", streams.stream)
        .tag("group", StreamFixture.GROUP)
        .gauge();
  }

  private Gauge lengthGauge() {
    return registry.get("smart.stream.length").tag("stream", streams.stream).gauge();
  }

  private List<String> warnings() {
    return log.list.stream()
        .filter(event -> event.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  /** The id of the n-th entry (from 1) of the stream. */
  private String nthEntryId(int n) {
    List<MapRecord<String, Object, Object>> entries =
        streams
            .redis
            .opsForStream()
            .range(streams.stream, Range.unbounded(), Limit.limit().count(n));
    return entries.get(n - 1).getId().getValue();
  }

  /** Reads every entry as {@code consumer} of {@code group}, leaving them pending. */
  private List<String> readAll(String group, String consumer) {
    List<String> ids = new ArrayList<>();
    while (true) {
      List<MapRecord<String, Object, Object>> read =
          streams
              .redis
              .opsForStream()
              .read(
                  Consumer.from(group, consumer),
                  StreamReadOptions.empty().count(500),
                  StreamOffset.create(streams.stream, ReadOffset.lastConsumed()));
      if (read == null || read.isEmpty()) {
        return ids;
      }
      read.forEach(record -> ids.add(record.getId().getValue()));
    }
  }
}
