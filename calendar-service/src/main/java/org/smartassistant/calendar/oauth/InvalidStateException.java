package org.smartassistant.calendar.oauth;

/** The {@code state} of a callback cannot be trusted: nothing is exchanged or stored. */
class InvalidStateException extends RuntimeException {

  /** Why the state was refused. */
  enum Reason {
    /** Missing, malformed, or its signature does not match. */
    FORGED,
    /** Signed by us, but older than its time to live. */
    EXPIRED,
    /** Signed by us and fresh, but already used once. */
    REPLAYED
  }

  private final Reason reason;

  InvalidStateException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
