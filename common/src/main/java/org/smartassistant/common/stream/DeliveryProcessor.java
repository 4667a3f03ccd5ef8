package org.smartassistant.common.stream;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.smartassistant.common.stream.ConsumerGroupClient.Admission;
import org.smartassistant.common.stream.StreamConsumer.State;

/**
 * One step of one {@link Delivery}, as its {@link Delivery.State} says: admit and handle it,
 * acknowledge it, claim it again for a retry, or dead-letter it. Redis trouble leaves the delivery
 * as it was, to be stepped again a second later.
 */
final class DeliveryProcessor {

  /** What became of a delivery after one step. */
  enum Outcome {
    /** Acknowledged (handled, duplicate or dead-lettered), or finished by someone else. */
    DONE,
    /** Left pending without being finished: the consumer is stopping or aborted. */
    ABANDONED,
    /** To be stepped again at its {@link Delivery#notBeforeNanos()}. */
    LATER
  }

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

  /** One line per envelope handled, at debug level, inside the handling's trace. */
  private static final Logger handledLog = LoggerFactory.getLogger(DeliveryProcessor.class);

  private static final long FIRST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long REDIS_ERROR_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_RETRY_BACKOFF_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final StreamConsumerSettings settings;
  private final EnvelopeHandler handler;
  private final DeadLetterHandler deadLetters;
  private final ConsumerGroupClient redis;
  private final StreamMetrics metrics;
  private final Clock clock;
  private final long deadLetterMaxLength;
  private final Supplier<State> state;

  DeliveryProcessor(
      StreamConsumerSettings settings,
      EnvelopeHandler handler,
      DeadLetterHandler deadLetters,
      ConsumerGroupClient redis,
      StreamMetrics metrics,
      Clock clock,
      long deadLetterMaxLength,
      Supplier<State> state) {
    this.settings = settings;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.redis = redis;
    this.metrics = metrics;
    this.clock = clock;
    this.deadLetterMaxLength = deadLetterMaxLength;
    this.state = state;
  }

  Outcome process(Delivery delivery) {
    if (state.get() == State.ABORTED) {
      return Outcome.ABANDONED;
    }
    try {
      return switch (delivery.state()) {
        case TO_DEAD_LETTER -> deadLetter(delivery, delivery.deadLetterReason());
        case HANDLED -> acknowledgeHandled(delivery);
        case TO_RETRY -> {
          if (!redis.claimForRetry(delivery.recordId, delivery.deliveryCount() + 1)) {
            yield Outcome.DONE;
          }
          delivery.claimedForRetry();
          yield attempt(delivery);
        }
        case TO_HANDLE -> attempt(delivery);
      };
    } catch (RuntimeException e) {
      // Redis trouble: the entry stays pending and in hand; the same step is tried again
      log.warn(
          "stream step for {} failed, again shortly: {}",
          delivery.recordId,
          StreamConsumer.describe(e));
      delivery.notBefore(System.nanoTime() + REDIS_ERROR_RETRY_NANOS);
      return Outcome.LATER;
    }
  }

  private Outcome attempt(Delivery delivery) {
    if (delivery.deliveryCount() > settings.maxAttempts()) {
      // delivered again after the last allowed attempt (e.g. the consumer died each time)
      String error =
          delivery.lastError() != null
              ? delivery.lastError()
              : "delivered " + delivery.deliveryCount() + " times without being finished";
      return deadLetter(delivery, error);
    }
    Admission admission = redis.begin(delivery.envelope.id(), delivery.previousId);
    if (admission == Admission.DUPLICATE) {
      redis.acknowledge(delivery.recordId);
      metrics.duplicates.increment();
      log.info(
          "envelope {} ({}) was processed already; acknowledged without handling",
          delivery.envelope.id(),
          delivery.recordId);
      return Outcome.DONE;
    }
    if (admission == Admission.WAIT) {
      metrics.deferred.increment();
      long wait = Math.min(MAX_WAIT_NANOS, FIRST_WAIT_NANOS << Math.min(delivery.waited(), 10));
      delivery.notBefore(System.nanoTime() + wait);
      return Outcome.LATER;
    }
    Throwable failure = handle(delivery);
    if (failure == null) {
      delivery.handled();
      return acknowledgeHandled(delivery);
    }
    State now = state.get();
    if (now == State.ABORTED || (now != State.RUNNING && Thread.interrupted())) {
      return Outcome.ABANDONED;
    }
    metrics.failed.increment();
    delivery.failed(StreamConsumer.describe(failure));
    if (delivery.deliveryCount() >= settings.maxAttempts()) {
      log.warn(
          "envelope {} ({}) failed on attempt {} of {}",
          delivery.envelope.id(),
          delivery.recordId,
          delivery.deliveryCount(),
          settings.maxAttempts(),
          failure);
      return deadLetter(delivery, delivery.lastError());
    }
    long backoff =
        Math.min(
            MAX_RETRY_BACKOFF_NANOS,
            settings.retryBackoff().toNanos() << Math.min(delivery.deliveryCount() - 1, 16));
    log.warn(
        "envelope {} ({}) failed on attempt {} of {}, retry in {} ms: {}",
        delivery.envelope.id(),
        delivery.recordId,
        delivery.deliveryCount(),
        settings.maxAttempts(),
        TimeUnit.NANOSECONDS.toMillis(backoff),
        delivery.lastError());
    delivery.retryAt(System.nanoTime() + backoff);
    return Outcome.LATER;
  }

  private Outcome acknowledgeHandled(Delivery delivery) {
    if (state.get() == State.ABORTED) {
      return Outcome.ABANDONED;
    }
    redis.finish(delivery.envelope.id(), delivery.recordId, settings.dedupeTtl());
    metrics.processed.increment();
    return Outcome.DONE;
  }

  /**
   * Runs the handler; returns what it threw, or null. Errors count as failures too: a handler's
   * StackOverflowError must not leave its entry in hand forever.
   */
  private Throwable handle(Delivery delivery) {
    Envelope envelope = delivery.envelope;
    if (delivery.firstAttempt()) {
      // from the XADD to the first attempt: the time the entry waited in the stream and in hand
      metrics.waiting.record(
          Math.max(0, clock.millis() - delivery.addedMillis()), TimeUnit.MILLISECONDS);
    }
    MDC.put("envelopeId", String.valueOf(envelope.id()));
    MDC.put("userId", String.valueOf(envelope.userId()));
    try {
      metrics.observations.handling(
          settings.stream(),
          settings.group(),
          envelope,
          () -> {
            // a replay puts back an envelope that was handled before, under a new entry
            boolean first =
                delivery.firstAttempt() && envelope.attr(EnvelopeAttribute.REPLAY_OF) == null;
            HandlingAttempt.run(first ? envelope.id() : null, () -> handler.handle(envelope));
            handledLog.debug(
                "handled {} {} of {} ({})",
                envelope.type().wireName(),
                envelope.id(),
                settings.stream(),
                delivery.recordId);
          });
      return null;
    } catch (Exception | Error e) {
      return e;
    } finally {
      MDC.remove("envelopeId");
      MDC.remove("userId");
    }
  }

  /**
   * Writes the delivery to the dead-letter stream and acknowledges it, telling the handler once.
   */
  Outcome deadLetter(Delivery delivery, String error) {
    if (delivery.giveUp(error)) {
      try {
        deadLetters.deadLettered(
            new DeadLetter(
                settings.stream(),
                delivery.recordId,
                delivery.envelope,
                delivery.rawEnvelope,
                error,
                (int) delivery.deliveryCount()));
      } catch (Exception | Error e) {
        log.error("dead-letter handler failed for {}", delivery.recordId, e);
      }
    }
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("envelope", delivery.rawEnvelope);
    fields.put("error", error);
    fields.put("attempts", Long.toString(delivery.deliveryCount()));
    fields.put("originalId", delivery.recordId);
    fields.put("stream", settings.stream());
    fields.put("group", settings.group());
    fields.put("consumer", settings.consumerName());
    fields.put("failedAt", clock.instant().toString());
    boolean written =
        redis.deadLetter(
            delivery.recordId,
            delivery.envelope == null ? null : delivery.envelope.id(),
            fields,
            deadLetterMaxLength,
            settings.dedupeTtl());
    if (written) {
      metrics.deadLettered.increment();
      log.error(
          "entry {} of {} moved to {} after {} deliveries: {}",
          delivery.recordId,
          settings.stream(),
          Streams.dlq(settings.stream()),
          delivery.deliveryCount(),
          error);
    }
    return Outcome.DONE;
  }
}
