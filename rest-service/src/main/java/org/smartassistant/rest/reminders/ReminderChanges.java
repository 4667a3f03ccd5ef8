package org.smartassistant.rest.reminders;

import java.util.Map;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.changes.ChangeEvents;
import org.springframework.stereotype.Component;

/** Announces a change of a reminder as a change event ({@code changes:reminder}). */
@Component
class ReminderChanges {

  private final ChangeEvents events;

  ReminderChanges(ChangeEvents events) {
    this.events = events;
  }

  void record(Reminder reminder, ChangeType change) {
    events.record(
        ChangeKind.REMINDER,
        reminder.id(),
        change,
        Map.of(ChangeEvent.USER_ID, reminder.userId().toString()));
  }
}
