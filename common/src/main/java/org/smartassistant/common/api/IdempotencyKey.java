package org.smartassistant.common.api;

/**
 * The {@code Idempotency-Key} request header: a POST that carries one may be sent again (by the
 * service clients' retries, or by a redelivered message), and the receiver answers the repeat with
 * the result of the first request instead of acting twice.
 */
public final class IdempotencyKey {

  public static final String HEADER = "Idempotency-Key";

  /** The longest key the services accept. */
  public static final int MAX_LENGTH = 200;

  private IdempotencyKey() {}
}
