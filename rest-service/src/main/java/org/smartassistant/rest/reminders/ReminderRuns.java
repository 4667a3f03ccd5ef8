package org.smartassistant.rest.reminders;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.CreateReminderRunRequest;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.Paging;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The runs of reminders: how a recorded firing moves the reminder on (a delivered one-time reminder
 * is completed; a recurring one gets its next fire time), and the runs recorded so far.
 */
@Service
public class ReminderRuns {

  private final ReminderRepository reminders;
  private final ReminderRunRepository runs;
  private final UserLookup users;
  private final ReminderChanges changes;
  private final ReminderQueries queries;
  private final Clock clock;

  ReminderRuns(
      ReminderRepository reminders,
      ReminderRunRepository runs,
      UserLookup users,
      ReminderChanges changes,
      ReminderQueries queries,
      Clock clock) {
    this.reminders = reminders;
    this.runs = runs;
    this.users = users;
    this.changes = changes;
    this.queries = queries;
    this.clock = clock;
  }

  /**
   * Records a firing (409 when this reminder's {@code scheduledFor} was recorded before) and moves
   * an active reminder on: delivered or late completes a one-time reminder, missed (or skipped by
   * its missed-run policy) marks it missed, skipped for a blocked user cancels it; a recurring one
   * gets its next fire time. A failed run changes nothing. Skipped is accepted only while the user
   * is blocked, or for a run fired after its time when the reminder's policy is {@code skip}.
   */
  @Transactional
  ReminderRunDto recordRun(UUID reminderId, CreateReminderRunRequest request) {
    Instant now = clock.instant();
    Reminder reminder = queries.load(reminderId);
    if (runs.existsByReminderIdAndScheduledFor(reminderId, request.scheduledFor())) {
      throw new ConflictException(
          "a run of reminder "
              + reminderId
              + " scheduled for "
              + request.scheduledFor()
              + " is already recorded");
    }
    Instant firedAt = request.firedAt() != null ? request.firedAt() : now;
    boolean blocked =
        request.status() == ReminderRunStatus.SKIPPED && users.blocked(reminder.userId());
    if (request.status() == ReminderRunStatus.SKIPPED
        && !blocked
        && !skippedByPolicy(reminder, request.scheduledFor(), firedAt)) {
      throw new InvalidInputException(
          "status",
          "skipped is only for reminders of a blocked user, or for a run fired after its time of a"
              + " reminder whose missedRunPolicy is skip; user "
              + reminder.userId()
              + " is not blocked and this reminder's missedRunPolicy is "
              + reminder.missedRunPolicy().wireName());
    }
    ReminderRun run =
        runs.saveAndFlush(
            new ReminderRun(
                reminderId,
                request.scheduledFor(),
                firedAt,
                request.status(),
                request.detail(),
                now));
    if (advance(reminder, request.scheduledFor(), firedAt, request.status(), blocked, now)) {
      reminder.touch(now);
      reminders.flush();
      changes.record(reminder, ChangeType.UPDATED);
    }
    return run.toDto();
  }

  /** A run the scheduler fired after its time, of a reminder that skips such runs. */
  private static boolean skippedByPolicy(Reminder reminder, Instant scheduledFor, Instant firedAt) {
    return reminder.missedRunPolicy() == MissedRunPolicy.SKIP && firedAt.isAfter(scheduledFor);
  }

  @Transactional(readOnly = true)
  public PageDto<ReminderRunDto> runs(UUID reminderId, int page, int size) {
    queries.load(reminderId);
    return Paging.toDto(
        runs.findByReminderId(
            reminderId, Paging.of(page, size, Sort.by(Sort.Direction.DESC, "scheduledFor"))),
        ReminderRun::toDto);
  }

  private boolean advance(
      Reminder reminder,
      Instant scheduledFor,
      Instant firedAt,
      ReminderRunStatus outcome,
      boolean userBlocked,
      Instant now) {
    if (reminder.status() != ReminderStatus.ACTIVE || outcome == ReminderRunStatus.FAILED) {
      return false;
    }
    boolean delivered = outcome == ReminderRunStatus.DELIVERED || outcome == ReminderRunStatus.LATE;
    if (delivered
        && (reminder.lastTriggeredAt() == null || firedAt.isAfter(reminder.lastTriggeredAt()))) {
      reminder.setLastTriggeredAt(firedAt);
    }
    if (reminder.type() == ReminderType.ONE_TIME) {
      reminder.setStatus(
          delivered
              ? ReminderStatus.COMPLETED
              // its only time passed while the user was blocked: it will never be delivered
              : outcome == ReminderRunStatus.SKIPPED && userBlocked
                  ? ReminderStatus.CANCELLED
                  // missed, or skipped by its policy after a downtime
                  : ReminderStatus.MISSED);
      reminder.setNextTriggerAt(null);
    } else {
      Instant from = scheduledFor.isAfter(now) ? scheduledFor : now;
      reminder.setNextTriggerAt(
          ScheduleRules.next(reminder.cronExpression(), reminder.timezone(), from));
    }
    return true;
  }
}
