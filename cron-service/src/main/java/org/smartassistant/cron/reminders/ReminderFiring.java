package org.smartassistant.cron.reminders;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.CreateReminderRunRequest;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * What happens when a reminder's time comes: decide whether it is on time, late (fired after a
 * downtime, within the misfire limit), missed (beyond it) or, when the reminder's missed-run policy
 * is {@code skip}, skipped (fired after a downtime: not delivered, the user told once); tell the
 * user through the inbox; record the run; complete a one-time reminder, or note a recurring one's
 * last and next time. Every step may run twice for the same scheduled time (a retry, a recovery, a
 * second instance) without a second message or run: the inbox write is idempotent and rest-service
 * refuses a second run for the same time with 409. A blocked user's reminder is not sent: its run
 * is recorded {@code skipped}, and rest-service, which owns the user's status, accepts that only
 * while the user is blocked.
 */
@Component
class ReminderFiring {

  private static final Logger log = LoggerFactory.getLogger(ReminderFiring.class);

  /** What a firing did. */
  enum Outcome {
    /** The user was told (on time, late, or that it was missed or skipped). */
    DONE,
    /** The reminder is no longer active: nothing to do. */
    SKIPPED,
    /** The reminder or its user no longer exists. */
    GONE,
    /** The user is blocked: nothing was sent, the run was recorded {@code skipped}. */
    USER_BLOCKED
  }

  private final RestServiceClient restService;
  private final ReminderNotices notices;
  private final SchedulerProperties properties;
  private final Clock clock;
  private final Scheduler scheduler;
  private final MeterRegistry meters;

  ReminderFiring(
      RestServiceClient restService,
      ReminderNotices notices,
      SchedulerProperties properties,
      Clock clock,
      Scheduler scheduler,
      MeterRegistry meters) {
    this.restService = restService;
    this.notices = notices;
    this.properties = properties;
    this.clock = clock;
    this.scheduler = scheduler;
    this.meters = meters;
  }

  /**
   * Fires a reminder for one scheduled time.
   *
   * @param decided the outcome an earlier, failed attempt already told the user, or null
   * @throws FiringFailedException when rest-service or Redis could not be reached; try again
   */
  Outcome fire(UUID reminderId, Instant scheduledFor, ReminderRunStatus decided) {
    ReminderDto reminder;
    try {
      reminder = restService.reminder(reminderId);
    } catch (HttpClientErrorException.NotFound e) {
      return Outcome.GONE;
    } catch (RuntimeException e) {
      throw new FiringFailedException(decided, e);
    }
    if (reminder.status() != ReminderStatus.ACTIVE) {
      // completed, cancelled or paused meanwhile; a completed one-time reminder fired again by a
      // reconcile that raced with its completion ends here too
      log.debug("reminder {} is {}, not fired", reminderId, reminder.status());
      return Outcome.SKIPPED;
    }
    Instant now = clock.instant();
    MissedRunPolicy policy = MissedRunPolicy.orDefault(reminder.missedRunPolicy());
    ReminderRunStatus status =
        decided != null && (decided != ReminderRunStatus.SKIPPED || policy == MissedRunPolicy.SKIP)
            ? decided
            // first attempt; or an attempt skipped by a policy changed since: decided again
            : decide(scheduledFor, now, policy);
    try {
      UserDto user = restService.user(reminder.userId());
      if (user.status() == UserStatus.BLOCKED) {
        recordSkipped(reminder, scheduledFor, now);
        return Outcome.USER_BLOCKED;
      }
      boolean added = notices.publish(reminder, user, scheduledFor, status, now);
      recordRun(reminder, scheduledFor, status, now);
      if (added && status == ReminderRunStatus.SKIPPED) {
        meters.counter("reminders.skipped", "reason", "missed_run_policy").increment();
        log.info(
            "reminder {} for {} skipped by its missed-run policy; the user is told (user {})",
            reminderId,
            scheduledFor,
            reminder.userId());
      } else if (added) {
        meters
            .counter("reminders.fired", "status", status.name().toLowerCase(Locale.ROOT))
            .increment();
        log.info(
            "reminder {} for {} fired: {} (user {})",
            reminderId,
            scheduledFor,
            status,
            reminder.userId());
      }
      return Outcome.DONE;
    } catch (HttpClientErrorException.NotFound e) {
      return Outcome.GONE;
    } catch (RuntimeException e) {
      throw new FiringFailedException(status, e);
    }
  }

  /**
   * On time (within {@code late-after} and the misfire limit); otherwise (the scheduler was down at
   * its time) skipped when the reminder's policy is {@code skip}, else missed (beyond the misfire
   * limit, whichever of the two limits is shorter) or late.
   */
  ReminderRunStatus decide(Instant scheduledFor, Instant now, MissedRunPolicy policy) {
    Duration lateness = Duration.between(scheduledFor, now);
    if (lateness.compareTo(properties.lateAfter()) <= 0
        && lateness.compareTo(properties.misfireLimit()) <= 0) {
      return ReminderRunStatus.DELIVERED;
    }
    if (policy == MissedRunPolicy.SKIP) {
      return ReminderRunStatus.SKIPPED;
    }
    if (lateness.compareTo(properties.misfireLimit()) > 0) {
      return ReminderRunStatus.MISSED;
    }
    return ReminderRunStatus.LATE;
  }

  private void recordRun(
      ReminderDto reminder, Instant scheduledFor, ReminderRunStatus status, Instant now) {
    Duration lateness = Duration.between(scheduledFor, now);
    String detail =
        (status == ReminderRunStatus.SKIPPED ? "skipped by its missed-run policy, " : "")
            + "fired by "
            + instanceId()
            + ", "
            + Math.max(0, lateness.toMillis())
            + " ms after its time";
    try {
      restService.recordRun(
          reminder.id(), new CreateReminderRunRequest(scheduledFor, now, status, detail));
    } catch (HttpClientErrorException.Conflict e) {
      // this time was recorded by an earlier attempt: the idempotency that makes retries safe
      log.debug("run of reminder {} for {} was recorded already", reminder.id(), scheduledFor);
    }
  }

  /**
   * Records the run {@code skipped}; counted and logged once per reminder and time. rest-service
   * refuses it (400) if the user was unblocked meanwhile, and the retry then fires the reminder.
   */
  private void recordSkipped(ReminderDto reminder, Instant scheduledFor, Instant now) {
    String detail = "not sent: the user is blocked (" + instanceId() + ")";
    try {
      restService.recordRun(
          reminder.id(),
          new CreateReminderRunRequest(scheduledFor, now, ReminderRunStatus.SKIPPED, detail));
    } catch (HttpClientErrorException.Conflict e) {
      log.debug("run of reminder {} for {} was recorded already", reminder.id(), scheduledFor);
      return;
    }
    meters.counter("reminders.skipped", "reason", "user_blocked").increment();
    log.info(
        "reminder {} for {} skipped: user {} is blocked",
        reminder.id(),
        scheduledFor,
        reminder.userId());
  }

  private String instanceId() {
    try {
      return scheduler.getSchedulerInstanceId();
    } catch (SchedulerException e) {
      return "cron-service";
    }
  }
}
