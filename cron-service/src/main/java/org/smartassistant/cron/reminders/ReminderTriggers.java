package org.smartassistant.cron.reminders;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderType;

/**
 * How a reminder looks in Quartz: one durable job per reminder (group {@value #GROUP}, named by the
 * reminder id) with its triggers: a one-time reminder has a simple trigger at {@code triggerAt}, a
 * recurring one a simple trigger at its next slot ({@link RecurringSlots}), which each firing moves
 * on to the slot after it. A firing that failed is tried again by a one-shot trigger in group
 * {@value #RETRY_GROUP}. Every trigger carries, as strings, what it was built from, so that a
 * reconcile can tell whether the reminder's schedule changed and a firing knows which time it
 * stands for.
 */
final class ReminderTriggers {

  static final String GROUP = "reminders";
  static final String RETRY_GROUP = "reminder-retries";

  static final String REMINDER_ID = "reminderId";
  static final String TYPE = "type";
  static final String TRIGGER_AT = "triggerAt";
  static final String CRON = "cron";
  static final String ZONE = "zone";

  /** On a retry trigger: the time the failed firing stood for. */
  static final String SCHEDULED_FOR = "scheduledFor";

  /** On a retry trigger: the outcome decided by the first attempt, if it got that far. */
  static final String STATUS = "status";

  /** On a retry trigger: how many attempts failed before it. */
  static final String ATTEMPT = "attempt";

  private static final String ONE_TIME = "one_time";
  private static final String RECURRING = "recurring";

  private ReminderTriggers() {}

  static JobKey jobKey(UUID reminderId) {
    return JobKey.jobKey(reminderId.toString(), GROUP);
  }

  /** The reminder a job or trigger belongs to, or null when its name is not a reminder id. */
  static UUID reminderId(JobKey key) {
    try {
      return UUID.fromString(key.getName());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The job of a reminder: durable, so that replacing its triggers never deletes it, and asking for
   * recovery, so that a firing cut short by a crashed instance is run again by another.
   */
  static JobDetail job(UUID reminderId) {
    return JobBuilder.newJob(ReminderJob.class)
        .withIdentity(jobKey(reminderId))
        .usingJobData(REMINDER_ID, reminderId.toString())
        .storeDurably()
        .requestRecovery()
        .build();
  }

  /**
   * The triggers that fire a reminder. A recurring reminder's triggers count from {@code
   * recurringStart}: slots before it are not caught up.
   *
   * @throws InvalidScheduleException when the reminder's schedule is unusable
   */
  static List<Trigger> triggers(ReminderDto reminder, Instant recurringStart) {
    UUID id = Objects.requireNonNull(reminder.id(), "reminder id");
    if (reminder.type() == ReminderType.ONE_TIME) {
      if (reminder.triggerAt() == null) {
        throw new InvalidScheduleException("one-time reminder " + id + " has no triggerAt");
      }
      return List.of(
          TriggerBuilder.newTrigger()
              .withIdentity(TriggerKey.triggerKey(id.toString(), GROUP))
              .forJob(jobKey(id))
              .usingJobData(REMINDER_ID, id.toString())
              .usingJobData(TYPE, ONE_TIME)
              .usingJobData(TRIGGER_AT, reminder.triggerAt().toString())
              .startAt(Date.from(reminder.triggerAt()))
              // a trigger found in the past after a downtime fires at once; the firing itself
              // decides between late and missed
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
              .build());
    }
    if (reminder.type() != ReminderType.RECURRING) {
      throw new InvalidScheduleException("reminder " + id + " has no type");
    }
    Instant first =
        RecurringSlots.of(reminder.cronExpression(), reminder.timezone()).firstFrom(recurringStart);
    if (first == null) {
      throw new InvalidScheduleException(
          "'" + reminder.cronExpression() + "' of reminder " + id + " never fires");
    }
    return List.of(recurring(id, reminder.cronExpression(), reminder.timezone(), first));
  }

  /**
   * A recurring reminder's trigger for one slot. Found in the past after a downtime, it fires at
   * once: one firing for all the slots missed since {@code slot}.
   */
  static Trigger recurring(UUID id, String cron, String zone, Instant slot) {
    return TriggerBuilder.newTrigger()
        .withIdentity(TriggerKey.triggerKey(id.toString(), GROUP))
        .forJob(jobKey(id))
        .usingJobData(REMINDER_ID, id.toString())
        .usingJobData(TYPE, RECURRING)
        .usingJobData(CRON, cron)
        .usingJobData(ZONE, zone)
        .startAt(Date.from(slot))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }

  /** Whether a trigger is a recurring reminder's own trigger (not a retry, nor a recovery). */
  static boolean isRecurring(Trigger trigger) {
    return GROUP.equals(trigger.getKey().getGroup())
        && RECURRING.equals(trigger.getJobDataMap().getString(TYPE));
  }

  /**
   * Whether a stored trigger was built from the same schedule as a newly built one. A stored
   * trigger of another kind (the cron triggers of earlier versions) is a changed schedule: it is
   * replaced.
   */
  static boolean sameSchedule(Trigger stored, Trigger built) {
    return stored instanceof SimpleTrigger == built instanceof SimpleTrigger
        && sameData(stored, built);
  }

  /**
   * The trigger that replaces a stored one whose schedule changed. A cron trigger of an earlier
   * version for the same cron and zone hands over its next fire time, so that a slot it missed
   * while the service was down is still caught up.
   */
  static Trigger replacing(Trigger stored, Trigger built) {
    Date pending = stored.getNextFireTime();
    if (stored instanceof SimpleTrigger
        || !isRecurring(built)
        || !sameData(stored, built)
        || pending == null
        || !pending.before(built.getStartTime())) {
      return built;
    }
    JobDataMap data = built.getJobDataMap();
    String cron = data.getString(CRON);
    String zone = data.getString(ZONE);
    Instant first = RecurringSlots.of(cron, zone).firstFrom(pending.toInstant());
    return recurring(UUID.fromString(data.getString(REMINDER_ID)), cron, zone, first);
  }

  private static boolean sameData(Trigger stored, Trigger built) {
    JobDataMap a = stored.getJobDataMap();
    JobDataMap b = built.getJobDataMap();
    for (String key : List.of(TYPE, TRIGGER_AT, CRON, ZONE)) {
      if (!Objects.equals(a.get(key), b.get(key))) {
        return false;
      }
    }
    return true;
  }

  /** A one-shot trigger that tries a failed firing again at {@code at}. */
  static Trigger retry(
      UUID reminderId,
      JobDataMap firedData,
      Instant scheduledFor,
      ReminderRunStatus decided,
      int attempt,
      Instant at) {
    TriggerBuilder<Trigger> builder =
        TriggerBuilder.newTrigger()
            .withIdentity(
                TriggerKey.triggerKey(
                    reminderId + "@" + scheduledFor.toEpochMilli() + "#" + attempt, RETRY_GROUP))
            .forJob(jobKey(reminderId))
            .usingJobData(REMINDER_ID, reminderId.toString())
            .usingJobData(SCHEDULED_FOR, scheduledFor.toString())
            .usingJobData(ATTEMPT, Integer.toString(attempt));
    for (String key : List.of(TYPE, TRIGGER_AT, CRON, ZONE)) {
      if (firedData.get(key) != null) {
        builder.usingJobData(key, firedData.getString(key));
      }
    }
    if (decided != null) {
      builder.usingJobData(STATUS, decided.name());
    }
    return builder
        .startAt(Date.from(at))
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }

  /**
   * The time a firing stands for, or null when it stands for none: the one-time reminder's {@code
   * triggerAt}, or the recurring reminder's slot. A recurring trigger starts at its slot and, fired
   * on time, fires at it. Fired late after a downtime, Quartz's scheduled fire time is the moment
   * of the catch-up, so the slot is the newest one since {@code notBefore} (the trigger's own
   * slot): one firing for all the missed slots.
   */
  static Instant scheduledFor(JobDataMap data, Instant scheduledFireTime, Instant notBefore) {
    String retried = data.getString(SCHEDULED_FOR);
    if (retried != null) {
      return Instant.parse(retried);
    }
    if (ONE_TIME.equals(data.getString(TYPE))) {
      return Instant.parse(data.getString(TRIGGER_AT));
    }
    return RecurringSlots.of(data.getString(CRON), data.getString(ZONE))
        .latest(notBefore, scheduledFireTime);
  }
}
