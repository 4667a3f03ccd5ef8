package org.smartassistant.common.stream;

import org.smartassistant.common.stream.ConsumerGroupClient.Entry;

/**
 * One delivery of one stream entry to a {@link StreamConsumer}, kept in hand until it is
 * acknowledged or abandoned. Ordered by stream id, so that a user's lane handles the oldest first.
 */
final class Delivery implements Comparable<Delivery> {

  /** What the next step of a delivery does. */
  enum State {
    /** To be admitted (not a duplicate, its predecessor finished) and handled. */
    TO_HANDLE,
    /** The handler failed: to be claimed again, counting one more delivery, then handled again. */
    TO_RETRY,
    /** The handler returned: to be acknowledged and remembered as processed. */
    HANDLED,
    /**
     * Given up on: to be written to the dead-letter stream, and nothing else, even if that fails.
     */
    TO_DEAD_LETTER
  }

  final String recordId;
  final String rawEnvelope;
  final String previousId;

  /** The decoded envelope; null when the entry is unparseable ({@link #formatError} says why). */
  final Envelope envelope;

  final String formatError;
  private final long idMillis;
  private final long idSequence;
  private State state = State.TO_HANDLE;
  private long deliveryCount;
  private long notBeforeNanos;
  private int waits;
  private String lastError;
  private String deadLetterReason;

  /** When the entry was added to the stream (the milliseconds part of its id). */
  long addedMillis() {
    return idMillis;
  }

  Delivery(Entry entry, EnvelopeCodec codec) {
    this.recordId = entry.id();
    int dash = recordId.indexOf('-');
    this.idMillis = Long.parseLong(recordId.substring(0, dash));
    this.idSequence = Long.parseLong(recordId.substring(dash + 1));
    this.rawEnvelope = entry.fields().get(StreamKeys.ENVELOPE_FIELD);
    String previous = entry.fields().get(StreamKeys.PREVIOUS_FIELD);
    this.previousId = previous == null || previous.isEmpty() ? null : previous;
    this.deliveryCount = Math.max(1, entry.deliveryCount());
    Envelope decoded = null;
    String error = null;
    if (rawEnvelope == null) {
      error = "stream entry has no '" + StreamKeys.ENVELOPE_FIELD + "' field: " + entry.fields();
    } else {
      try {
        decoded = codec.decode(rawEnvelope);
      } catch (EnvelopeFormatException e) {
        error = StreamConsumer.describe(e);
      }
    }
    this.envelope = decoded;
    this.formatError = error;
  }

  State state() {
    return state;
  }

  /** How many times the entry has been delivered, this delivery included. */
  long deliveryCount() {
    return deliveryCount;
  }

  /**
   * Read as new ({@code XREADGROUP >}) and not failed yet: no attempt at this entry came before.
   */
  boolean firstAttempt() {
    return deliveryCount == 1 && lastError == null;
  }

  /** When the next step may run ({@link System#nanoTime()}); 0 for at once. */
  long notBeforeNanos() {
    return notBeforeNanos;
  }

  void notBefore(long nanos) {
    this.notBeforeNanos = nanos;
  }

  /** Counts one more wait for the entry's predecessor; returns how many came before. */
  int waited() {
    return waits++;
  }

  /** The handler's last failure, or null. */
  String lastError() {
    return lastError;
  }

  /** Why it was given up on, once it was. */
  String deadLetterReason() {
    return deadLetterReason;
  }

  void handled() {
    state = State.HANDLED;
  }

  void failed(String error) {
    lastError = error;
  }

  /** To be tried again, no earlier than {@code notBeforeNanos}. */
  void retryAt(long notBeforeNanos) {
    state = State.TO_RETRY;
    this.notBeforeNanos = notBeforeNanos;
  }

  /** Claimed again for the retry: one delivery more. */
  void claimedForRetry() {
    deliveryCount++;
    state = State.TO_HANDLE;
  }

  /**
   * From here on this delivery only ever goes to the dead-letter stream.
   *
   * @return true the first time, when whoever watches dead letters is to be told
   */
  boolean giveUp(String reason) {
    if (state == State.TO_DEAD_LETTER) {
      return false;
    }
    state = State.TO_DEAD_LETTER;
    deadLetterReason = reason;
    return true;
  }

  @Override
  public int compareTo(Delivery other) {
    int byMillis = Long.compare(idMillis, other.idMillis);
    return byMillis != 0 ? byMillis : Long.compare(idSequence, other.idSequence);
  }
}
