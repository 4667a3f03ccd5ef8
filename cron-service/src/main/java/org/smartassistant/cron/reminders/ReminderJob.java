package org.smartassistant.cron.reminders;

import java.time.Instant;
import java.util.UUID;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.ReminderRunStatus;

/**
 * The Quartz job of one reminder: works out which time the trigger stands for, moves a recurring
 * reminder's trigger on to its next slot, and hands the firing to {@link ReminderFiring}; a firing
 * that fails is scheduled again instead of being lost. Quartz's cluster lock gives each trigger
 * firing to one instance; the firing is idempotent on top of that, for recoveries and retries.
 */
@DisallowConcurrentExecution
class ReminderJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

  private final ReminderFiring firing;
  private final FollowUpTriggers followUps;

  ReminderJob(ReminderFiring firing, FollowUpTriggers followUps) {
    this.firing = firing;
    this.followUps = followUps;
  }

  @Override
  public void execute(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    UUID reminderId = UUID.fromString(data.getString(ReminderTriggers.REMINDER_ID));
    Trigger trigger = context.getTrigger();
    Instant scheduledFor;
    try {
      // a catch-up stands for slots since the trigger's own slot (its start), or since its
      // previous firing for a trigger that fires more than once (the cron triggers of earlier
      // versions, until a reconcile replaces them)
      Instant notBefore =
          context.getPreviousFireTime() != null
              ? context.getPreviousFireTime().toInstant().plusMillis(1)
              : trigger.getStartTime().toInstant();
      scheduledFor =
          ReminderTriggers.scheduledFor(
              data, context.getScheduledFireTime().toInstant(), notBefore);
    } catch (RuntimeException e) {
      // a stored trigger this version cannot read; the next reconcile rebuilds it
      log.error("trigger {} of reminder {} is unreadable", trigger.getKey(), e);
      return;
    }
    if (ReminderTriggers.isRecurring(trigger)) {
      // before the firing: a firing cut short by a crash leaves the next slot scheduled
      followUps.moveOn(reminderId, trigger, scheduledFor);
    }
    if (scheduledFor == null) {
      // a catch-up with no slot in the gap
      log.debug("reminder {} is not due at {}", reminderId, context.getScheduledFireTime());
      return;
    }
    String decided = data.getString(ReminderTriggers.STATUS);
    String attempt = data.getString(ReminderTriggers.ATTEMPT);
    int attempts = attempt == null ? 0 : Integer.parseInt(attempt);
    try {
      firing.fire(
          reminderId, scheduledFor, decided == null ? null : ReminderRunStatus.valueOf(decided));
    } catch (FiringFailedException e) {
      log.warn(
          "firing reminder {} for {} failed (attempt {}): {}",
          reminderId,
          scheduledFor,
          attempts + 1,
          e.getMessage());
      followUps.scheduleRetry(reminderId, data, scheduledFor, e.decided(), attempts);
    }
  }
}
