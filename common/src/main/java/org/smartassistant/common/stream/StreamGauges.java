package org.smartassistant.common.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.smartassistant.common.stream.StreamTrimmer.GroupState;
import org.smartassistant.common.stream.StreamTrimmer.StreamState;

/**
 * The gauges {@link StreamTrimmer} publishes: {@code smart.stream.length} (tag {@code stream}),
 * {@code smart.stream.pending} and {@code smart.stream.backlog} (tags {@code stream}, {@code
 * group}), {@code smart.stream.dead.letters} (tag {@code stream}), each registered once and set
 * after every upkeep.
 */
final class StreamGauges {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> lengths = new ConcurrentHashMap<>();
  private final Map<List<String>, AtomicLong> pending = new ConcurrentHashMap<>();
  private final Map<List<String>, AtomicLong> backlogs = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();

  StreamGauges(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Registers the length gauge of a stream newly looked after. */
  void watch(String stream) {
    AtomicLong length = new AtomicLong();
    lengths.put(stream, length);
    Gauge.builder("smart.stream.length", length, AtomicLong::get)
        .description("Entries in the stream (acknowledged ones kept up to the limit included)")
        .tag("stream", stream)
        .register(registry);
  }

  /** Sets the gauges of a watched stream and of each of its groups to what an upkeep saw. */
  void record(StreamState state) {
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

  /** Sets the number of entries in the stream's dead-letter stream. */
  void recordDeadLetters(String stream, long count) {
    deadLetters
        .computeIfAbsent(
            stream,
            k -> {
              AtomicLong value = new AtomicLong();
              Gauge.builder("smart.stream.dead.letters", value, AtomicLong::get)
                  .description("Entries in the stream's dead-letter stream (<stream>:dlq)")
                  .tag("stream", k)
                  .register(registry);
              return value;
            })
        .set(count);
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
}
