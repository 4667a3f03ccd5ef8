package org.smartassistant.common.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one consumer group on one stream, tagged {@code stream} and {@code group}; the time
 * in the handler is the {@link EnvelopeObservations} timer {@code smart.stream.handling}.
 */
final class StreamMetrics {

  final Counter processed;
  final Counter failed;
  final Counter deadLettered;
  final Counter reclaimed;
  final Counter duplicates;
  final Counter deferred;
  final Timer waiting;
  final EnvelopeObservations observations;

  StreamMetrics(
      MeterRegistry registry, EnvelopeObservations observations, String stream, String group) {
    this.observations = observations;
    Tags tags = Tags.of("stream", stream, "group", group);
    processed =
        Counter.builder("smart.stream.processed")
            .description("Envelopes handled and acknowledged")
            .tags(tags)
            .register(registry);
    failed =
        Counter.builder("smart.stream.failed")
            .description("Handler attempts that threw (each is retried or dead-lettered)")
            .tags(tags)
            .register(registry);
    deadLettered =
        Counter.builder("smart.stream.dead.lettered")
            .description("Entries moved to the dead-letter stream")
            .tags(tags)
            .register(registry);
    reclaimed =
        Counter.builder("smart.stream.reclaimed")
            .description("Entries taken over from consumers that stopped renewing them")
            .tags(tags)
            .register(registry);
    duplicates =
        Counter.builder("smart.stream.duplicates")
            .description("Redelivered envelopes acknowledged without running the handler again")
            .tags(tags)
            .register(registry);
    deferred =
        Counter.builder("smart.stream.deferred")
            .description("Times an envelope waited for an earlier one of the same user elsewhere")
            .tags(tags)
            .register(registry);
    waiting =
        Timer.builder("smart.stream.wait")
            .description("Time from adding an entry to the first attempt at handling it")
            .tags(tags)
            .publishPercentileHistogram()
            .register(registry);
  }
}
