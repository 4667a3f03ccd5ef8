package org.smartassistant.cron.calendarrules;

import java.time.Duration;
import java.util.List;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeStreams;
import org.smartassistant.common.stream.ChangeEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The readers of the change events that start a sync at once: {@code changes:calendar_rule} (from
 * rest-service) and {@code changes:calendar_events} (from calendar-service), each in the group
 * {@code cron-service}.
 */
@Configuration(proxyBeanMethods = false)
class CalendarRuleConfiguration {

  private static final Duration BLOCK = Duration.ofSeconds(1);

  @Bean
  ChangeEventReader calendarRuleChanges(
      StringRedisTemplate redis, CalendarRuleChangeListener listener) {
    return ChangeEventReader.oneInstancePerGroup(
        redis, ChangeKind.CALENDAR_RULE, ChangeStreams.CRON_GROUP, BLOCK, List.of(listener));
  }

  @Bean
  ChangeEventReader calendarEventChanges(
      StringRedisTemplate redis, CalendarRuleChangeListener listener) {
    return ChangeEventReader.oneInstancePerGroup(
        redis, ChangeKind.CALENDAR_EVENTS, ChangeStreams.CRON_GROUP, BLOCK, List.of(listener));
  }
}
