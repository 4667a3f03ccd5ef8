package org.smartassistant.rest.reminders;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.calendarrules.CalendarRuleDto;
import org.smartassistant.common.calendarrules.CalendarRulesPage;
import org.smartassistant.common.calendarrules.CreateCalendarRuleRequest;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user's calendar reminder rules: adding (no two alike, at most {@link #MAX_PER_USER}), listing,
 * removing with their pending reminders. Each added rule is announced ({@code
 * changes:calendar_rule}) so that cron-service syncs it at once.
 */
@Service
class CalendarRuleService {

  /** Rules one user may have. */
  static final int MAX_PER_USER = 20;

  private final CalendarRuleRepository rules;
  private final ReminderRepository reminders;
  private final UserLookup users;
  private final ReminderChanges reminderChanges;
  private final ChangeEvents events;
  private final Clock clock;

  CalendarRuleService(
      CalendarRuleRepository rules,
      ReminderRepository reminders,
      UserLookup users,
      ReminderChanges reminderChanges,
      ChangeEvents events,
      Clock clock) {
    this.rules = rules;
    this.reminders = reminders;
    this.users = users;
    this.reminderChanges = reminderChanges;
    this.events = events;
    this.clock = clock;
  }

  /** 404 for an unknown user; 409 for a rule the user has already, or one too many. */
  @Transactional
  CalendarRuleDto create(long userId, CreateCalendarRuleRequest request) {
    users.lock(userId);
    String filter =
        request.titleFilter() == null || request.titleFilter().isBlank()
            ? null
            : request.titleFilter().strip();
    List<CalendarRule> existing = rules.findByUserIdOrderByCreatedAt(userId);
    if (existing.stream().anyMatch(rule -> rule.sameAs(request.minutesBefore(), filter))) {
      throw new ConflictException(
          "user "
              + userId
              + " already has a rule "
              + request.minutesBefore()
              + " minutes before "
              + (filter == null ? "every event" : "events titled like '" + filter + "'"));
    }
    if (existing.size() >= MAX_PER_USER) {
      throw new ConflictException(
          "user " + userId + " already has " + MAX_PER_USER + " calendar rules, the most allowed");
    }
    CalendarRule rule =
        new CalendarRule(
            UUID.randomUUID(), userId, request.minutesBefore(), filter, clock.instant());
    rules.saveAndFlush(rule);
    record(rule, ChangeType.CREATED);
    return rule.toDto();
  }

  @Transactional(readOnly = true)
  List<CalendarRuleDto> list(long userId) {
    users.require(userId);
    return rules.findByUserIdOrderByCreatedAt(userId).stream().map(CalendarRule::toDto).toList();
  }

  /**
   * Removes the rule and its reminders that have not fired yet; 404 unless the rule is this user's.
   */
  @Transactional
  void delete(long userId, UUID ruleId) {
    users.require(userId);
    CalendarRule rule =
        rules
            .findByIdAndUserId(ruleId, userId)
            .orElseThrow(
                () -> new NotFoundException("calendar rule " + ruleId + " of user " + userId));
    for (Reminder reminder : reminders.findByCalendarRuleId(ruleId)) {
      reminders.delete(reminder);
      reminderChanges.record(reminder, ChangeType.DELETED);
    }
    rules.delete(rule);
    rules.flush();
    record(rule, ChangeType.DELETED);
  }

  /** Every user's rules by id, for cron-service's sync. */
  @Transactional(readOnly = true)
  CalendarRulesPage page(UUID after, int size) {
    Pageable limit = Pageable.ofSize(size + 1);
    List<CalendarRule> found =
        after == null ? rules.findFirstPage(limit) : rules.findPageAfter(after, limit);
    boolean more = found.size() > size;
    List<CalendarRule> page = more ? found.subList(0, size) : found;
    return new CalendarRulesPage(
        page.stream().map(CalendarRule::toDto).toList(),
        more ? page.get(page.size() - 1).id() : null);
  }

  private void record(CalendarRule rule, ChangeType change) {
    events.record(
        ChangeKind.CALENDAR_RULE,
        rule.id(),
        change,
        Map.of(ChangeEvent.USER_ID, rule.userId().toString()));
  }
}
