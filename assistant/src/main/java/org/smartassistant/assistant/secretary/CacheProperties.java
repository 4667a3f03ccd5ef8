package org.smartassistant.assistant.secretary;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long looked-up users, secretaries, tools and settings stay in the Redis cache and in each
 * instance's memory in front of it ({@code smart.cache.*}). Change events from rest-service remove
 * entries at once; the times to live only bound how stale an entry can get when an event was
 * missed.
 *
 * @param ttl time to live of every cache entry in Redis
 * @param changePollTimeout how long one read of the change streams waits for new events; must stay
 *     well below the Redis command timeout ({@code spring.data.redis.timeout}), or an idle read
 *     fails as a timed-out command
 * @param local the near cache in each instance's memory
 */
@Validated
@ConfigurationProperties("smart.cache")
public record CacheProperties(
    @DefaultValue("10m") @NotNull Duration ttl,
    @DefaultValue("500ms") @NotNull Duration changePollTimeout,
    @DefaultValue @NotNull @Valid Local local) {

  /**
   * The near cache: values read from Redis (or loaded) kept in memory per cache.
   *
   * @param ttl how long a value stays in memory after it was read; zero turns the near cache off
   * @param maxEntries at most this many values per cache (user, secretary, ...) in memory
   */
  public record Local(
      @DefaultValue("1m") @NotNull Duration ttl, @DefaultValue("10000") @Min(1) int maxEntries) {

    boolean enabled() {
      return !ttl.isZero() && !ttl.isNegative();
    }
  }
}
