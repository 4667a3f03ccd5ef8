package org.smartassistant.cron.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.ReminderRunStatus;
import org.springframework.stereotype.Component;

/**
 * The triggers a firing leaves behind it: a recurring reminder's trigger moved on to its next slot,
 * and another attempt of a firing that failed. Each change runs under the reminder's lock in one
 * Quartz transaction, as a reconcile's does.
 */
@Component
class FollowUpTriggers {

  private static final Logger log = LoggerFactory.getLogger(FollowUpTriggers.class);

  private final Scheduler scheduler;
  private final ReminderScheduler reminders;
  private final SchedulerProperties properties;
  private final Clock clock;

  FollowUpTriggers(
      Scheduler scheduler,
      ReminderScheduler reminders,
      SchedulerProperties properties,
      Clock clock) {
    this.scheduler = scheduler;
    this.reminders = reminders;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * Moves a recurring reminder's firing trigger on to the first slot after both the slot it stood
   * for and now: a catch-up after a downtime covers the slots it missed, and the next firing is the
   * next slot to come. Done from inside the firing, which Quartz's JDBC store allows: when a firing
   * completes it deletes its spent trigger only if the stored one still has no next fire time. A
   * trigger that a reconcile replaced (the schedule changed) or removed meanwhile is left alone.
   *
   * @param slot the slot the firing stood for, or null when it stood for none
   */
  void moveOn(UUID id, Trigger fired, Instant slot) {
    JobDataMap data = fired.getJobDataMap();
    String cron = data.getString(ReminderTriggers.CRON);
    String zone = data.getString(ReminderTriggers.ZONE);
    Instant now = clock.instant();
    Instant next;
    try {
      next =
          RecurringSlots.of(cron, zone).nextAfter(slot != null && slot.isAfter(now) ? slot : now);
    } catch (InvalidScheduleException e) {
      log.warn("reminder {} cannot be scheduled on: {}", id, e.getMessage());
      return;
    }
    try {
      reminders.change(
          id,
          () -> {
            Trigger stored = scheduler.getTrigger(fired.getKey());
            if (stored == null
                || !ReminderTriggers.sameSchedule(stored, fired)
                || !stored.getStartTime().equals(fired.getStartTime())) {
              return false;
            }
            if (next == null) {
              return scheduler.unscheduleJob(fired.getKey());
            }
            scheduler.rescheduleJob(
                fired.getKey(), ReminderTriggers.recurring(id, cron, zone, next));
            return true;
          });
    } catch (RuntimeException e) {
      // the spent trigger is deleted when the firing completes; the next pull schedules the
      // reminder again from its next slot
      log.warn("could not move reminder {} on to {}: {}", id, next, ReminderScheduler.rootCause(e));
    }
  }

  /**
   * Schedules another attempt of a firing that failed, with a backoff that doubles per attempt. The
   * decided outcome travels with it, so a retry that succeeds after the misfire limit still records
   * what the first attempt told the user.
   */
  void scheduleRetry(
      UUID id, JobDataMap firedData, Instant scheduledFor, ReminderRunStatus decided, int attempt) {
    long factor = 1L << Math.min(attempt, 20);
    Duration backoff = properties.retryBackoff().multipliedBy(factor);
    if (backoff.compareTo(properties.retryBackoffMax()) > 0) {
      backoff = properties.retryBackoffMax();
    }
    Instant at = clock.instant().plus(backoff);
    try {
      Trigger retry = ReminderTriggers.retry(id, firedData, scheduledFor, decided, attempt + 1, at);
      reminders.change(id, () -> scheduler.scheduleJob(retry));
      log.info(
          "reminder {} for {} will be tried again at {} (attempt {})",
          id,
          scheduledFor,
          at,
          attempt + 2);
    } catch (RuntimeException e) {
      // the job is gone (reminder removed meanwhile) or the database is down; the pull and
      // Quartz's recovery are what is left
      log.warn("could not schedule a retry of reminder {}: {}", id, e.toString());
    }
  }
}
