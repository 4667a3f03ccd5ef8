package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import brave.Tracing;
import brave.propagation.ThreadLocalCurrentTraceContext;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.brave.bridge.W3CPropagation;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An envelope carries the trace it was published in: the publisher writes the W3C {@code
 * traceparent} of its observation, and the consumer's handler runs in a span of the same trace —
 * with a real tracer (Brave through Micrometer Tracing, as in the services) and a real stream.
 */
class EnvelopeTracingTest {

  private final StreamFixture streams = new StreamFixture();
  private final Tracing tracing =
      Tracing.newBuilder()
          .traceId128Bit(true) // as Spring Boot configures Brave: W3C trace ids are 128 bits
          .currentTraceContext(ThreadLocalCurrentTraceContext.create())
          .propagationFactory(new W3CPropagation(new BraveBaggageManager(), List.of()))
          .build();
  private final Tracer tracer =
      new BraveTracer(
          tracing.tracer(),
          new BraveCurrentTraceContext(tracing.currentTraceContext()),
          new BraveBaggageManager());
  private final Propagator propagator = new BravePropagator(tracing);
  private final ObservationRegistry observations = ObservationRegistry.create();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  EnvelopeTracingTest() {
    observations
        .observationConfig()
        .observationHandler(
            new ObservationHandler.FirstMatchingCompositeObservationHandler(
                new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
                new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                new DefaultTracingObservationHandler(tracer)))
        .observationHandler(new DefaultMeterObservationHandler(meters));
  }

  @AfterEach
  void close() {
    streams.close();
    tracing.close();
  }

  @Test
  void theHandlerRunsInTheTraceThePublisherWasIn() {
    List<String> handledIn = new CopyOnWriteArrayList<>();
    StreamConsumers consumers =
        new StreamConsumers(
            streams.redis,
            streams.codec,
            meters,
            Clock.systemUTC(),
            StreamProperties.defaults(),
            null,
            observations);
    StreamConsumer consumer =
        consumers.create(
            streams.settings().withBlockTimeout(Duration.ofMillis(100)),
            envelope -> handledIn.add(tracer.currentSpan().context().traceId()),
            DeadLetterHandler.NONE);
    consumer.start();
    EnvelopePublisher publisher =
        new EnvelopePublisher(
            streams.redis,
            streams.codec,
            Duration.ofMinutes(1),
            null,
            EnvelopeObservations.of(observations, meters));

    Observation update = Observation.start("test.update", observations);
    String traceId;
    try (Observation.Scope scope = update.openScope()) {
      traceId = tracer.currentSpan().context().traceId();
      publisher.publishTo(streams.stream, StreamFixture.envelope(41, "follow me"), null);
    } finally {
      update.stop();
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> handledIn.size() == 1);
    consumer.stop();
    assertThat(handledIn).containsExactly(traceId);
    Envelope stored =
        streams.codec.decode(
            (String)
                streams
                    .redis
                    .opsForStream()
                    .range(streams.stream, org.springframework.data.domain.Range.unbounded())
                    .get(0)
                    .getValue()
                    .get(StreamKeys.ENVELOPE_FIELD));
    assertThat(stored.traceparent()).matches("00-" + traceId + "-[0-9a-f]{16}-0[01]");
    assertThat(meters.get("smart.stream.publish").tags("stream", streams.stream).timer().count())
        .isEqualTo(1);
    assertThat(
            meters
                .get("smart.stream.handling")
                .tags("stream", streams.stream, "type", "user_message")
                .timer()
                .count())
        .isEqualTo(1);
    assertThat(meters.get("smart.stream.wait").tags("stream", streams.stream).timer().count())
        .isEqualTo(1);
  }

  @Test
  void withoutAnObservationRegistryTheHandlingIsStillTimed() {
    try (StreamFixture own = new StreamFixture()) {
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      List<String> handled = new CopyOnWriteArrayList<>();
      own.consumer(
          s -> s, envelope -> handled.add(envelope.text()), DeadLetterHandler.NONE, registry);
      own.publish(7, "timed");
      await().atMost(Duration.ofSeconds(10)).until(() -> handled.size() == 1);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  registry.find("smart.stream.handling").tags("stream", own.stream).timer() != null
                      && registry
                              .get("smart.stream.handling")
                              .tags("stream", own.stream, "type", "user_message")
                              .timer()
                              .count()
                          == 1);
      assertThat(handled).containsExactly("timed");
    }
  }
}
