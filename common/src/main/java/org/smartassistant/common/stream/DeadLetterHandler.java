package org.smartassistant.common.stream;

/**
 * Told once when a {@link StreamConsumer} gives up on an entry, just before the entry is written to
 * {@code <stream>:dlq} and acknowledged: the place to send the user one short apology. A crash in
 * between can repeat the call, so publish the apology with an idempotency key derived from the
 * envelope id. An exception thrown here is logged; the entry is dead-lettered all the same.
 */
@FunctionalInterface
public interface DeadLetterHandler {

  /** Does nothing: for consumers whose dead letters need no reaction. */
  DeadLetterHandler NONE = deadLetter -> {};

  void deadLettered(DeadLetter deadLetter) throws Exception;
}
