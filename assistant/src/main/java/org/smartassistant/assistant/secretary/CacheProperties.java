package org.smartassistant.assistant.secretary;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long looked-up users, secretaries, tools and settings stay in the Redis cache ({@code
 * smart.cache.*}). Change events from rest-service remove entries at once; the time to live only
 * bounds how stale an entry can get when an event was missed.
 *
 * @param ttl time to live of every cache entry
 * @param changePollTimeout how long one read of the change streams waits for new events; must stay
 *     well below the Redis command timeout ({@code spring.data.redis.timeout}), or an idle read
 *     fails as a timed-out command
 */
@Validated
@ConfigurationProperties("smart.cache")
public record CacheProperties(
    @DefaultValue("10m") @NotNull Duration ttl,
    @DefaultValue("500ms") @NotNull Duration changePollTimeout) {}
