package org.smartassistant.rest.changes;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How change events leave the outbox: how often leftovers are retried (e.g. after Redis was away)
 * and how many entries each stream keeps.
 */
@ConfigurationProperties("smart.changes")
public record ChangeEventsProperties(Duration relayInterval, Long streamMaxLength) {

  public ChangeEventsProperties {
    relayInterval = relayInterval == null ? Duration.ofSeconds(5) : relayInterval;
    streamMaxLength =
        streamMaxLength == null
            ? org.smartassistant.common.events.ChangeStreams.MAX_LENGTH
            : streamMaxLength;
  }
}
