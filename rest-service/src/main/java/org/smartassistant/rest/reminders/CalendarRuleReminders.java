package org.smartassistant.rest.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.calendarrules.CalendarRuleSyncDto;
import org.smartassistant.common.calendarrules.SyncCalendarRuleRequest;
import org.smartassistant.common.calendarrules.SyncCalendarRuleRequest.Event;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps a calendar rule's one-time reminders in step with the user's events, as cron-service lists
 * them for a window: one reminder per (rule, event, event start), created for a new event, replaced
 * for a moved one, removed for one that is gone. The rule's row is locked during a sync, and the
 * unique key in the table backs it, so two syncs never make two reminders for one event.
 */
@Service
class CalendarRuleReminders {

  private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("HH:mm");

  private final CalendarRuleRepository rules;
  private final ReminderRepository reminders;
  private final ReminderChanges changes;
  private final UserLookup users;
  private final Clock clock;

  CalendarRuleReminders(
      CalendarRuleRepository rules,
      ReminderRepository reminders,
      ReminderChanges changes,
      UserLookup users,
      Clock clock) {
    this.rules = rules;
    this.reminders = reminders;
    this.changes = changes;
    this.users = users;
    this.clock = clock;
  }

  private record Key(String eventId, Instant start) {}

  @Transactional
  CalendarRuleSyncDto sync(UUID ruleId, SyncCalendarRuleRequest request) {
    if (!request.to().isAfter(request.from())) {
      throw new InvalidInputException("to", "must be after from");
    }
    CalendarRule rule =
        rules.lockById(ruleId).orElseThrow(() -> new NotFoundException("calendar rule", ruleId));
    Instant now = clock.instant();
    ZoneId zone = ZoneId.of(users.timezone(rule.userId()).orElse("UTC"));
    Map<Key, Event> wanted = new HashMap<>();
    Set<String> wantedIds = new HashSet<>();
    for (Event event : request.events()) {
      if (rule.matches(event.title())) {
        wanted.putIfAbsent(new Key(event.eventId(), event.start()), event);
        wantedIds.add(event.eventId());
      }
    }
    Map<Key, Reminder> existing = new HashMap<>();
    reminders
        .findByCalendarRuleId(ruleId)
        .forEach(r -> existing.put(new Key(r.calendarEventId(), r.calendarEventStart()), r));

    int created = 0;
    int moved = 0;
    int removed = 0;
    int unchanged = 0;
    Set<String> replaced = new HashSet<>();
    for (Map.Entry<Key, Reminder> entry : existing.entrySet()) {
      Reminder reminder = entry.getValue();
      Key key = entry.getKey();
      boolean inWindow =
          !key.start().isBefore(request.from()) && key.start().isBefore(request.to());
      if (reminder.status() != ReminderStatus.ACTIVE || wanted.containsKey(key)) {
        continue;
      }
      if (inWindow || wantedIds.contains(key.eventId())) {
        reminders.delete(reminder);
        changes.record(reminder, ChangeType.DELETED);
        if (wantedIds.contains(key.eventId())) {
          replaced.add(key.eventId());
        } else {
          removed++;
        }
      }
    }
    reminders.flush();
    Set<String> renewed = new HashSet<>();
    for (Map.Entry<Key, Event> entry : wanted.entrySet()) {
      Event event = entry.getValue();
      Reminder reminder = existing.get(entry.getKey());
      if (reminder != null) {
        String text = text(rule, event, zone);
        if (reminder.status() == ReminderStatus.ACTIVE && !text.equals(reminder.text())) {
          reminder.setText(text);
          reminder.touch(now);
          changes.record(reminder, ChangeType.UPDATED);
        }
        unchanged++;
        continue;
      }
      Instant triggerAt = event.start().minus(Duration.ofMinutes(rule.minutesBefore()));
      if (triggerAt.isBefore(now.minus(ScheduleRules.PAST_TOLERANCE))) {
        // its time has passed: too late to remind of it
        continue;
      }
      Reminder fresh =
          new Reminder(
              UUID.randomUUID(),
              rule.userId(),
              ReminderType.ONE_TIME,
              zone.getId(),
              text(rule, event, zone),
              now);
      fresh.setTriggerAt(triggerAt);
      fresh.setNextTriggerAt(triggerAt);
      fresh.setCalendarEvent(rule.id(), event.eventId(), event.start());
      reminders.save(fresh);
      changes.record(fresh, ChangeType.CREATED);
      if (replaced.contains(event.eventId())) {
        renewed.add(event.eventId());
        moved++;
      } else {
        created++;
      }
    }
    reminders.flush();
    // a moved event whose new time is too near gets no new reminder: its old one is just gone
    replaced.removeAll(renewed);
    removed += replaced.size();
    return new CalendarRuleSyncDto(created, moved, removed, unchanged);
  }

  /** What the user is reminded of, e.g. "Standup starts in 15 minutes, at 10:00". */
  static String text(CalendarRule rule, Event event, ZoneId zone) {
    String title = event.title() == null || event.title().isBlank() ? "An event" : event.title();
    String at = LOCAL_TIME.format(event.start().atZone(zone));
    return rule.minutesBefore() == 0
        ? title + " starts now, at " + at
        : title + " starts in " + rule.minutesBefore() + " minutes, at " + at;
  }
}
