package org.smartassistant.common.stream;

/**
 * The work a {@link StreamConsumer} does for one envelope. The entry is acknowledged only after
 * this returns normally, so the handler must have written its own output durably by then (e.g. its
 * reply published with {@link EnvelopePublisher}). An exception leaves the entry pending: it is
 * retried and, after {@link StreamConsumerSettings#maxAttempts()} deliveries, dead-lettered.
 *
 * <p>A handler runs at most once at a time for one user, in stream order; handlers of different
 * users run in parallel. After a crash between the handler's output and the acknowledgement the
 * envelope is handled again: publish the output with an idempotency key derived from the envelope
 * id to make that harmless.
 */
@FunctionalInterface
public interface EnvelopeHandler {

  void handle(Envelope envelope) throws Exception;
}
