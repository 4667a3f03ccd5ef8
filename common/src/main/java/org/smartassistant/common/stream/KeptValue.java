package org.smartassistant.common.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * A Redis string to set in the same atomic step as another write, so that the two are both done or
 * neither: e.g. what a handler did for an envelope, kept with the entry that publishes its result
 * ({@link EnvelopePublisher#publish(Envelope, String, KeptValue)}).
 *
 * @param key the key to set
 * @param value its value
 * @param ttl how long it is kept
 */
public record KeptValue(String key, String value, Duration ttl) {

  public KeptValue {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
  }

  /** The TTL as the milliseconds of a {@code SET … PX}. */
  public String ttlMillis() {
    return Long.toString(ttl.toMillis());
  }
}
