package org.smartassistant.cron.reminders;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderType;

/**
 * How a reminder looks in Quartz: one durable job per reminder (group {@value #GROUP}, named by the
 * reminder id) with its triggers: a one-time reminder has a simple trigger at {@code triggerAt}, a
 * recurring one a cron trigger in the reminder's time zone (two when its cron restricts both day
 * fields). A firing that failed is tried again by a one-shot trigger in group {@value
 * #RETRY_GROUP}. Every trigger carries, as strings, what it was built from, so that a reconcile can
 * tell whether the reminder's schedule changed and a firing knows which time it stands for.
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

  /** Look-back windows for the last cron slot, tried from the smallest so that few are walked. */
  private static final List<Duration> LOOK_BACK =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofDays(1),
          Duration.ofDays(8),
          Duration.ofDays(32),
          Duration.ofDays(400),
          Duration.ofDays(3000));

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
    TimeZone zone = timeZone(reminder.timezone());
    List<String> expressions = CronExpressions.toQuartz(reminder.cronExpression());
    List<Trigger> triggers = new ArrayList<>(expressions.size());
    for (int i = 0; i < expressions.size(); i++) {
      String name = expressions.size() == 1 ? id.toString() : id + (i == 0 ? ":dom" : ":dow");
      triggers.add(
          TriggerBuilder.newTrigger()
              .withIdentity(TriggerKey.triggerKey(name, GROUP))
              .forJob(jobKey(id))
              .usingJobData(REMINDER_ID, id.toString())
              .usingJobData(TYPE, RECURRING)
              .usingJobData(CRON, reminder.cronExpression())
              .usingJobData(ZONE, reminder.timezone())
              .startAt(Date.from(recurringStart))
              // after a downtime: one firing now for all the missed slots, then on schedule
              .withSchedule(
                  CronScheduleBuilder.cronSchedule(cronExpression(expressions.get(i), zone))
                      .inTimeZone(zone)
                      .withMisfireHandlingInstructionFireAndProceed())
              .build());
    }
    return triggers;
  }

  /** Whether a stored trigger was built from the same schedule as a newly built one. */
  static boolean sameSchedule(Trigger stored, Trigger built) {
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
   * The time a firing stands for: the one-time reminder's {@code triggerAt}, or the recurring
   * reminder's cron slot. When Quartz fires a recurring trigger late after a downtime its scheduled
   * fire time is the moment of the catch-up, so the slot is the last one at or before it: the
   * newest of the missed slots.
   */
  static Instant scheduledFor(JobDataMap data, Instant scheduledFireTime) {
    String retried = data.getString(SCHEDULED_FOR);
    if (retried != null) {
      return Instant.parse(retried);
    }
    if (ONE_TIME.equals(data.getString(TYPE))) {
      return Instant.parse(data.getString(TRIGGER_AT));
    }
    return latestSlot(data.getString(CRON), data.getString(ZONE), scheduledFireTime);
  }

  /** The last time at or before {@code time} at which the 5-field cron fires in the zone. */
  static Instant latestSlot(String cron, String zoneId, Instant time) {
    TimeZone zone = timeZone(zoneId);
    Instant end = time.truncatedTo(ChronoUnit.SECONDS);
    Instant latest = null;
    for (String quartz : CronExpressions.toQuartz(cron)) {
      Instant slot = latestSlot(cronExpression(quartz, zone), end);
      if (slot != null && (latest == null || slot.isAfter(latest))) {
        latest = slot;
      }
    }
    return latest == null ? end : latest;
  }

  private static Instant latestSlot(CronExpression expression, Instant end) {
    for (Duration window : LOOK_BACK) {
      Instant last = null;
      Date next = expression.getTimeAfter(Date.from(end.minus(window).minusSeconds(1)));
      while (next != null && !next.toInstant().isAfter(end)) {
        last = next.toInstant();
        next = expression.getTimeAfter(next);
      }
      if (last != null) {
        return last;
      }
    }
    return null;
  }

  /** The first time after {@code after} a recurring reminder fires, or null. */
  static Instant nextFireAfter(String cron, String zoneId, Instant after) {
    TimeZone zone = timeZone(zoneId);
    Instant next = null;
    for (String quartz : CronExpressions.toQuartz(cron)) {
      Date candidate = cronExpression(quartz, zone).getTimeAfter(Date.from(after));
      if (candidate != null && (next == null || candidate.toInstant().isBefore(next))) {
        next = candidate.toInstant();
      }
    }
    return next;
  }

  static TimeZone timeZone(String zoneId) {
    if (zoneId == null || zoneId.isBlank()) {
      throw new InvalidScheduleException("the reminder has no time zone");
    }
    try {
      // TimeZone.getTimeZone alone would turn an unknown name into GMT without a word
      return TimeZone.getTimeZone(ZoneId.of(zoneId));
    } catch (DateTimeException e) {
      throw new InvalidScheduleException("'" + zoneId + "' is not a time zone");
    }
  }

  private static CronExpression cronExpression(String quartz, TimeZone zone) {
    try {
      CronExpression expression = new CronExpression(quartz);
      expression.setTimeZone(zone);
      return expression;
    } catch (ParseException e) {
      throw new InvalidScheduleException("'" + quartz + "': " + e.getMessage());
    }
  }
}
