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
 * downtime, within the misfire limit) or missed (beyond it); tell the user through the inbox;
 * record the run; complete a one-time reminder, or note a recurring one's last and next time. Every
 * step may run twice for the same scheduled time (a retry, a recovery, a second instance) without a
 * second message or run: the inbox write is idempotent and rest-service refuses a second run for
 * the same time with 409. A blocked user's reminder is not sent: its run is recorded {@code
 * skipped}, and rest-service, which owns the user's status, accepts that only while the user is
 * blocked.
 */
@Component
class ReminderFiring {

  private static final Logger log = LoggerFactory.getLogger(ReminderFiring.class);

  /** What a firing did. */
  enum Outcome {
    /** The user was told (on time, late, or that it was missed). */
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
    ReminderRunStatus status = decided != null ? decided : decide(scheduledFor, now);
    try {
      UserDto user = restService.user(reminder.userId());
      if (user.status() == UserStatus.BLOCKED) {
        recordSkipped(reminder, scheduledFor, now);
        return Outcome.USER_BLOCKED;
      }
      boolean added = notices.publish(reminder, user, scheduledFor, status, now);
      recordRun(reminder, scheduledFor, status, now);
      if (added) {
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

  /** On time, late (within the misfire limit) or missed. */
  ReminderRunStatus decide(Instant scheduledFor, Instant now) {
    Duration lateness = Duration.between(scheduledFor, now);
    if (lateness.compareTo(properties.misfireLimit()) > 0) {
      return ReminderRunStatus.MISSED;
    }
    if (lateness.compareTo(properties.lateAfter()) > 0) {
      return ReminderRunStatus.LATE;
    }
    return ReminderRunStatus.DELIVERED;
  }

  private void recordRun(
      ReminderDto reminder, Instant scheduledFor, ReminderRunStatus status, Instant now) {
    Duration lateness = Duration.between(scheduledFor, now);
    String detail =
        "fired by " + instanceId() + ", " + Math.max(0, lateness.toMillis()) + " ms after its time";
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
