package org.smartassistant.common.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *       group}).
 * </ul>
 *
 * Streams are added by {@link EnvelopePublisher} (each stream it writes) and {@link
 * StreamConsumers} (each stream consumed), so a producer also watches a stream whose consumer is
 * down. Several instances trimming the same stream is harmless: each step is one atomic script.
 */
public class StreamTrimmer implements SmartLifecycle {

  /** Share of the limit at which a backlog is warned about. */
  static final double WARNING_RATIO = 0.8;

  /** The warning about one stream is repeated at most this often. */
  static final Duration WARNING_EVERY = Duration.ofMinutes(1);

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

  private record Warning(Instant at, boolean pastLimit) {}

  private final StringRedisTemplate redis;
  private final MeterRegistry registry;
  private final Clock clock;
  private final long limit;
  private final Duration interval;
  private final Set<String> streams = ConcurrentHashMap.newKeySet();
  private final Map<String, AtomicLong> lengths = new ConcurrentHashMap<>();
  private final Map<List<String>, AtomicLong> pending = new ConcurrentHashMap<>();
  private final Map<List<String>, AtomicLong> backlogs = new ConcurrentHashMap<>();
  private final Map<String, Warning> lastWarning = new ConcurrentHashMap<>();
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
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.limit = limit;
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive, was " + interval);
    }
  }

  /** Adds a stream to those looked after (once; later calls are cheap no-ops). */
  public void watch(String stream) {
    if (streams.add(stream)) {
      AtomicLong length = new AtomicLong();
      lengths.put(stream, length);
      Gauge.builder("smart.stream.length", length, AtomicLong::get)
          .description("Entries in the stream (acknowledged ones kept up to the limit included)")
          .tag("stream", stream)
          .register(registry);
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
    record(state);
    warnIfBacklogged(state);
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

  private void record(StreamState state) {
    lengths.get(state.stream()).set(state.length());
    for (GroupState group : state.groups()) {
      List<String> key = List.of(state.stream(), group.group());
      gauge(pending, key, "smart.stream.pending", "Entries delivered and not yet acknowledged")
          .set(group.pending());
      gauge(
              backlogs,
              key,
              "smart.stream.backlog",
              "Entries the group has not acknowledged: pending plus not yet delivered")
          .set(group.backlog());
    }
  }

  private AtomicLong gauge(
      Map<List<String>, AtomicLong> values, List<String> key, String name, String description) {
    return values.computeIfAbsent(
        key,
        k -> {
          AtomicLong value = new AtomicLong();
          Gauge.builder(name, value, AtomicLong::get)
              .description(description)
              .tag("stream", k.get(0))
              .tag("group", k.get(1))
              .register(registry);
          return value;
        });
  }

  private void warnIfBacklogged(StreamState state) {
    long backlog = state.backlog();
    if (backlog < limit * WARNING_RATIO) {
      return;
    }
    boolean pastLimit = backlog > limit;
    Instant now = clock.instant();
    Warning last = lastWarning.get(state.stream());
    if (last != null
        && now.isBefore(last.at().plus(WARNING_EVERY))
        && (last.pastLimit() || !pastLimit)) {
      return; // warned within the minute, and the backlog has not newly passed the limit since
    }
    lastWarning.put(state.stream(), new Warning(now, pastLimit));
    String groups =
        state.groups().isEmpty()
            ? "no consumer group yet"
            : state.groups().stream()
                .map(
                    g ->
                        g.group()
                            + " "
                            + g.backlog()
                            + " unacknowledged ("
                            + g.pending()
                            + " pending, "
                            + g.lag()
                            + " not yet delivered)")
                .collect(Collectors.joining(", "));
    log.warn(
        "stream {} holds {} entries, {}; the backlog is {}% of smart.streams.max-length ({})"
            + " — unread entries are kept, not trimmed{}; is the consumer running?",
        state.stream(),
        state.length(),
        groups,
        backlog * 100 / limit,
        limit,
        pastLimit ? ", the stream grows past the limit" : "");
  }

  @Override
  public synchronized void start() {
    if (executor != null) {
      return;
    }
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "stream-trimmer");
              thread.setDaemon(true);
              return thread;
            });
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
