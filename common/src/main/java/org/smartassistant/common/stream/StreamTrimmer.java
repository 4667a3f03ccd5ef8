package org.smartassistant.common.stream;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Looks after the streams a service writes or reads, every {@code smart.streams.trim-interval}:
 *
 * <ul>
 *   <li>trims what every consumer group has acknowledged, keeping at most {@code
 *       smart.streams.max-length} entries, and never an entry a group has not acknowledged (pending
 *       or not yet delivered) nor any entry of a stream that has no group yet ({@link
 *       StreamScripts#TRIM});
 *   <li>warns (at most once a minute per stream, and at once when the backlog newly passes the
 *       limit) when a group's backlog reaches 80% of the limit: past the limit nothing is refused
 *       and nothing is trimmed, the stream simply grows;
 *   <li>publishes the gauges {@code smart.stream.length} (tag {@code stream}), {@code
 *       smart.stream.pending} and {@code smart.stream.backlog} (tags {@code stream}, {@code
 *       group}), and {@code smart.stream.dead.letters} (tag {@code stream}: the length of its
 *       {@code <stream>:dlq}).
 * </ul>
 *
 * Streams are added by {@link EnvelopePublisher} (each stream it writes) and {@link
 * StreamConsumers} (each stream consumed), so a producer also watches a stream whose consumer is
 * down. Several instances trimming the same stream is harmless: each step is one atomic script.
 */
public class StreamTrimmer implements SmartLifecycle {

  /** Entries removed per script call, so that Redis is never blocked long. */
  private static final int TRIM_CHUNK = 10_000;

  private static final Logger log = LoggerFactory.getLogger(StreamTrimmer.class);

  /** One group's state as seen by the last upkeep. */
  public record GroupState(String group, long pending, long lag, String safeId) {

    /** Entries the group has not acknowledged: pending plus not yet delivered. */
    public long backlog() {
      return pending + lag;
    }
  }

  /** One stream's state after an upkeep: its length, what was trimmed, its groups. */
  public record StreamState(String stream, long length, long trimmed, List<GroupState> groups) {

    /** The largest backlog of a group; the whole length when there is no group yet. */
    public long backlog() {
      return groups.isEmpty()
          ? length
          : groups.stream().mapToLong(GroupState::backlog).max().orElse(0);
    }
  }

  private final StringRedisTemplate redis;
  private final long limit;
  private final Duration interval;
  private final StreamGauges gauges;
  private final BacklogWarnings warnings;
  private final Set<String> streams = ConcurrentHashMap.newKeySet();
  private volatile ScheduledExecutorService executor;
  private volatile boolean failing;

  /**
   * @param limit acknowledged entries kept per stream ({@code smart.streams.max-length}); a backlog
   *     of 80% of it is warned about
   * @param interval time between two upkeeps of every stream
   */
  public StreamTrimmer(
      StringRedisTemplate redis,
      MeterRegistry registry,
      Clock clock,
      long limit,
      Duration interval) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
    this.redis = Objects.requireNonNull(redis, "redis");
    this.limit = limit;
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
    this.gauges = new StreamGauges(Objects.requireNonNull(registry, "registry"));
    this.warnings = new BacklogWarnings(Objects.requireNonNull(clock, "clock"), limit);
  }

  /** Adds a stream to those looked after (once; later calls are cheap no-ops). */
  public void watch(String stream) {
    if (streams.add(stream)) {
      gauges.watch(stream);
    }
  }

  /** The streams looked after. */
  public Set<String> streams() {
    return Collections.unmodifiableSet(streams);
  }

  /** Trims every stream looked after, updates the gauges and warns; failures are logged. */
  public void upkeepAll() {
    boolean failed = false;
    for (String stream : streams) {
      try {
        upkeep(stream);
      } catch (RuntimeException e) {
        failed = true;
        if (!failing) {
          log.warn(
              "looking after stream {} failed, again in {}: {}",
              stream,
              interval,
              StreamConsumer.describe(e));
        } else {
          log.debug("looking after stream {} still fails", stream, e);
        }
      }
    }
    failing = failed;
  }

  /** Trims one stream (watching it from now on), updates its gauges and warns if need be. */
  public StreamState upkeep(String stream) {
    watch(stream);
    long trimmed = 0;
    StreamState state;
    while (true) {
      state = trimStep(stream);
      trimmed += state.trimmed();
      if (state.trimmed() < TRIM_CHUNK) {
        break;
      }
    }
    state = new StreamState(stream, state.length(), trimmed, state.groups());
    gauges.record(state);
    Long deadLetters = redis.opsForStream().size(Streams.dlq(stream));
    gauges.recordDeadLetters(stream, deadLetters == null ? 0 : deadLetters);
    warnings.warnIfBacklogged(state);
    return state;
  }

  private StreamState trimStep(String stream) {
    List<?> reply =
        redis.execute(
            StreamScripts.TRIM,
            List.of(stream),
            Long.toString(limit),
            Integer.toString(TRIM_CHUNK),
            Long.toString(Math.max(limit, 1_000) * 2));
    if (reply == null || reply.size() < 2) {
      throw new IllegalStateException("unexpected reply of the trim script: " + reply);
    }
    List<GroupState> groups = new ArrayList<>();
    for (Object item : reply.subList(2, reply.size())) {
      List<?> group = (List<?>) item;
      groups.add(
          new GroupState(
              String.valueOf(group.get(0)),
              ((Number) group.get(1)).longValue(),
              ((Number) group.get(2)).longValue(),
              String.valueOf(group.get(3))));
    }
    return new StreamState(
        stream,
        ((Number) reply.get(0)).longValue(),
        ((Number) reply.get(1)).longValue(),
        List.copyOf(groups));
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> DaemonThreads.unstarted("stream-trimmer", task));
    scheduler.scheduleWithFixedDelay(
        this::upkeepAll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    executor = scheduler;
  }

  @Override
  public synchronized void stop() {
    ScheduledExecutorService scheduler = executor;
    executor = null;
    if (scheduler != null) {
      scheduler.shutdownNow();
      try {
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return executor != null;
  }
}
