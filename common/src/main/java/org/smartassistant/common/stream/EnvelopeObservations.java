package org.smartassistant.common.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Micrometer observations of envelopes: adding one to a stream ({@value #PUBLISH}, a sender
 * observation that writes the current trace into the envelope's {@code traceparent}) and handling
 * one ({@value #HANDLING}, a receiver observation that continues the trace the envelope carries).
 * With a tracer (every service has Micrometer Tracing) one user message is one trace from the
 * Telegram update through the streams and the REST calls to {@code sendMessage}, and the trace id
 * is in every log line written on the way; with the meter handler each observation is also a timer
 * of the same name, tagged {@code stream}, {@code type} (and {@code group} when handling).
 */
public final class EnvelopeObservations {

  static final String PUBLISH = "smart.stream.publish";
  static final String HANDLING = "smart.stream.handling";

  /** The W3C trace-context key, carried in the envelope's {@code traceparent}. */
  private static final String TRACEPARENT = "traceparent";

  private final ObservationRegistry registry;

  private EnvelopeObservations(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Observations through the application's registry; when there is none (a bare test), through one
   * that only times them into {@code meters}, so the timers exist either way.
   */
  public static EnvelopeObservations of(ObservationRegistry registry, MeterRegistry meters) {
    if (registry != null && !registry.isNoop()) {
      return new EnvelopeObservations(registry);
    }
    ObservationRegistry timing = ObservationRegistry.create();
    timing.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
    return new EnvelopeObservations(timing);
  }

  /** Observations that record nothing. */
  public static EnvelopeObservations none() {
    return new EnvelopeObservations(ObservationRegistry.NOOP);
  }

  /**
   * Runs {@code add} (the write to the stream) inside a publish observation, with the envelope
   * carrying that observation's trace context (or its own {@code traceparent} when no tracer runs).
   */
  <T> T publishing(String stream, Envelope envelope, Function<Envelope, T> add) {
    Map<String, String> carrier = new HashMap<>();
    SenderContext<Map<String, String>> context =
        new SenderContext<>((map, key, value) -> map.put(key, value));
    context.setCarrier(carrier);
    context.setRemoteServiceName("redis");
    return Observation.createNotStarted(PUBLISH, () -> context, registry)
        .contextualName("publish " + stream)
        .lowCardinalityKeyValue("stream", stream)
        .lowCardinalityKeyValue("type", envelope.type().wireName())
        .observe(
            () -> {
              String traceparent = carrier.get(TRACEPARENT);
              return add.apply(
                  traceparent == null ? envelope : envelope.withTraceparent(traceparent));
            });
  }

  /** Runs {@code handle} inside a handling observation that continues the envelope's trace. */
  void handling(
      String stream, String group, Envelope envelope, Observation.CheckedRunnable<Exception> handle)
      throws Exception {
    ReceiverContext<Envelope> context =
        new ReceiverContext<>(
            (carried, key) -> TRACEPARENT.equals(key) ? carried.traceparent() : null);
    context.setCarrier(envelope);
    context.setRemoteServiceName("redis");
    Observation.createNotStarted(HANDLING, () -> context, registry)
        .contextualName("handle " + stream)
        .lowCardinalityKeyValue("stream", stream)
        .lowCardinalityKeyValue("group", group)
        .lowCardinalityKeyValue("type", envelope.type().wireName())
        .observeChecked(handle);
  }
}
