package org.smartassistant.cron.calendarrules;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.calendarrules.CalendarRuleDto;
import org.smartassistant.common.calendarrules.CalendarRuleSyncDto;
import org.smartassistant.common.calendarrules.CalendarRulesPage;
import org.smartassistant.common.calendarrules.SyncCalendarRuleRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientResponseException;

/**
 * Syncs calendar reminder rules: reads the user's events of the coming {@code horizon} from
 * calendar-service and hands them to rest-service, which makes the rule's one-time reminders match
 * them (created, replaced, removed; one per event and start). Those reminders are fired by the one
 * reminder engine, like any other. A user whose calendar is not connected (or needs a new consent)
 * is skipped: nothing of theirs is removed.
 */
@Component
class CalendarRuleSync {

  private static final Logger log = LoggerFactory.getLogger(CalendarRuleSync.class);

  private final CalendarRuleClient rules;
  private final CalendarServiceClient calendar;
  private final CalendarRuleProperties properties;
  private final Clock clock;

  CalendarRuleSync(
      CalendarRuleClient rules,
      CalendarServiceClient calendar,
      CalendarRuleProperties properties,
      Clock clock) {
    this.rules = rules;
    this.calendar = calendar;
    this.properties = properties;
    this.clock = clock;
  }

  /** Every rule of every user; returns how many rules were synced. */
  int syncAll() {
    Map<Long, List<CalendarRuleDto>> byUser = new LinkedHashMap<>();
    UUID after = null;
    do {
      CalendarRulesPage page = rules.allRules(after, properties.pageSize());
      page.items().forEach(r -> byUser.computeIfAbsent(r.userId(), u -> new ArrayList<>()).add(r));
      after = page.nextCursor();
    } while (after != null);
    int synced = 0;
    for (Map.Entry<Long, List<CalendarRuleDto>> user : byUser.entrySet()) {
      try {
        synced += sync(user.getKey(), user.getValue());
      } catch (RuntimeException e) {
        log.warn("calendar rules of user {} not synced now: {}", user.getKey(), e.toString());
      }
    }
    return synced;
  }

  /** Every rule of one user (an event of theirs was created). */
  int syncUser(long userId) {
    return sync(userId, rules.rules(userId));
  }

  /** One rule (just added). */
  int syncRule(long userId, UUID ruleId) {
    return sync(userId, rules.rules(userId).stream().filter(r -> r.id().equals(ruleId)).toList());
  }

  private int sync(long userId, List<CalendarRuleDto> userRules) {
    if (userRules.isEmpty()) {
      return 0;
    }
    Instant from = clock.instant();
    Instant to = from.plus(properties.horizon());
    List<CalendarEventDto> events;
    try {
      events = calendar.events(userId, from, to);
    } catch (RestClientResponseException e) {
      if (CalendarErrorCode.of(e).isPresent()) {
        log.debug("user {} has no usable calendar ({}): rules not synced", userId, e.getMessage());
        return 0;
      }
      throw e;
    }
    List<SyncCalendarRuleRequest.Event> starting =
        events.stream()
            .filter(event -> !event.allDay())
            .filter(event -> !event.start().isBefore(from) && event.start().isBefore(to))
            .limit(SyncCalendarRuleRequest.MAX_EVENTS)
            .map(
                event ->
                    new SyncCalendarRuleRequest.Event(event.id(), event.title(), event.start()))
            .toList();
    int synced = 0;
    for (CalendarRuleDto rule : userRules) {
      try {
        CalendarRuleSyncDto result =
            rules.sync(rule.id(), new SyncCalendarRuleRequest(from, to, starting));
        log.debug("calendar rule {} of user {} synced: {}", rule.id(), userId, result);
        synced++;
      } catch (RestClientResponseException e) {
        // a rule removed meanwhile (404) and the like: the others go on
        log.info("calendar rule {} of user {} not synced: {}", rule.id(), userId, e.getMessage());
      }
    }
    return synced;
  }
}
