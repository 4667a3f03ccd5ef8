package org.smartassistant.calendar.events;

import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeStreams;
import org.smartassistant.common.events.ChangeType;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Announces that a user's calendar got an event through this service ({@code
 * changes:calendar_events}, id = user id), so that cron-service syncs the user's calendar reminder
 * rules at once instead of at its next round. Best effort: a failure is logged, the event stays
 * created, and the next round of the sync sees it.
 */
@Component
class EventChanges {

  private static final Logger log = LoggerFactory.getLogger(EventChanges.class);

  private final StringRedisTemplate redis;
  private final Clock clock;

  EventChanges(StringRedisTemplate redis, Clock clock) {
    this.redis = redis;
    this.clock = clock;
  }

  void created(long userId) {
    ChangeEvent event =
        new ChangeEvent(
            ChangeKind.CALENDAR_EVENTS,
            Long.toString(userId),
            ChangeType.CREATED,
            clock.instant(),
            Map.of(ChangeEvent.USER_ID, Long.toString(userId)));
    try {
      redis
          .opsForStream()
          .add(
              StreamRecords.string(event.toFields()).withStreamKey(event.stream()),
              XAddOptions.maxlen(ChangeStreams.MAX_LENGTH).approximateTrimming(true));
    } catch (RuntimeException e) {
      log.warn("event of user {} created, but its change not announced: {}", userId, e.toString());
    }
  }
}
