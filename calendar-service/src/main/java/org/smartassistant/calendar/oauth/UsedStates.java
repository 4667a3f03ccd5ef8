package org.smartassistant.calendar.oauth;

import java.time.Duration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes each OAuth state usable once: its nonce is recorded in Redis with SET NX, kept until the
 * state would have expired anyway.
 */
@Component
class UsedStates {

  private static final String KEY_PREFIX = "calendar:oauth-state:";

  private final StringRedisTemplate redis;

  UsedStates(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** True the first time a nonce is used, false on every later try. */
  boolean markUsed(String nonce, Duration keepFor) {
    Duration ttl = keepFor.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : keepFor;
    return Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(KEY_PREFIX + nonce, "used", ttl));
  }
}
