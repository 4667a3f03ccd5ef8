package org.smartassistant.cron.reminders;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeListener;
import org.smartassistant.common.events.ChangeType;
import org.springframework.stereotype.Component;

/**
 * Reconciles a reminder as soon as rest-service reports a change of it. Its events come from {@code
 * changes:reminder} in the consumer group {@code cron-service} (see {@link
 * SchedulingConfiguration}), so each event is handled by one instance of the cluster (they share
 * the Quartz tables). An event that cannot be handled (rest-service away) is left to the next pull,
 * which comes within a minute.
 */
@Component
class ReminderChangeListener implements ChangeListener {

  private static final Logger log = LoggerFactory.getLogger(ReminderChangeListener.class);

  private final ReminderScheduler reminders;

  ReminderChangeListener(ReminderScheduler reminders) {
    this.reminders = reminders;
  }

  @Override
  public void changed(ChangeEvent event) {
    UUID id;
    try {
      id = UUID.fromString(event.id());
    } catch (IllegalArgumentException e) {
      log.warn("ignoring reminder change of an unreadable id '{}'", event.id());
      return;
    }
    try {
      if (event.change() == ChangeType.DELETED) {
        reminders.remove(id);
      } else {
        reminders.reconcile(id);
      }
      log.debug("reminder {} {}: reconciled", id, event.change().value());
    } catch (RuntimeException e) {
      log.warn("reminder {} changed but could not be reconciled now: {}", id, e.toString());
    }
  }
}
