package org.smartassistant.rest.reminders;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.FieldErrors;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.Idempotency.Outcome;
import org.smartassistant.rest.web.TimeZones;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reminders themselves: creating (with idempotency and the per-user limit), reading, updating
 * with the allowed status changes, deleting, each change announced as a change event. What a valid
 * schedule is lives in {@link ScheduleRules}; recorded runs in {@link ReminderRuns}, reading in
 * {@link ReminderQueries}.
 */
@Service
public class ReminderService {

  private final ReminderRepository reminders;
  private final UserLookup users;
  private final AssistantLookup assistants;
  private final ReminderChanges changes;
  private final ReminderQueries queries;
  private final ReminderLimits limits;
  private final ScheduleRules schedules;
  private final Clock clock;

  ReminderService(
      ReminderRepository reminders,
      UserLookup users,
      AssistantLookup assistants,
      ReminderChanges changes,
      ReminderQueries queries,
      ReminderLimits limits,
      ScheduleRules schedules,
      Clock clock) {
    this.reminders = reminders;
    this.users = users;
    this.assistants = assistants;
    this.changes = changes;
    this.queries = queries;
    this.limits = limits;
    this.schedules = schedules;
    this.clock = clock;
  }

  @Transactional
  ReminderDto create(CreateReminderRequest request) {
    return create(request, null).value();
  }

  /**
   * Creates the reminder; with an idempotency key, a key this user used before answers the reminder
   * it created (replayed, nothing written), or 409 when that request was a different one.
   */
  @Transactional
  Outcome<ReminderDto> create(CreateReminderRequest request, String idempotencyKey) {
    String digest = idempotencyKey == null ? null : Idempotency.digest(request);
    if (idempotencyKey != null && request.userId() != null) {
      Optional<Reminder> earlier =
          reminders.findByUserIdAndIdempotencyKey(request.userId(), idempotencyKey);
      if (earlier.isPresent()) {
        return Idempotency.replay(
            idempotencyKey, earlier.get().requestDigest(), digest, earlier.get().toDto());
      }
    }
    Instant now = clock.instant();
    FieldErrors errors = new FieldErrors();
    Optional<String> userZone = users.timezone(request.userId());
    if (userZone.isEmpty()) {
      errors.reject("userId", "names no user: " + request.userId());
    }
    if (request.assistantId() != null && !assistants.exists(request.assistantId())) {
      errors.reject("assistantId", "names no assistant: " + request.assistantId());
    }
    TimeZones.check(errors, "timezone", request.timezone());
    ScheduleRules.checkSchedule(
        errors, request.type(), request.triggerAt(), request.cronExpression(), now);
    if (request.type() == ReminderType.RECURRING && !errors.has("cronExpression")) {
      String zone =
          request.timezone() != null && !errors.has("timezone")
              ? request.timezone()
              : userZone.orElse("UTC");
      schedules.checkInterval(errors, request.cronExpression(), zone, now);
    }
    errors.throwIfAny();
    String zone = request.timezone() != null ? request.timezone() : userZone.get();
    requireRoomForActive(request.userId());
    Reminder reminder =
        new Reminder(
            UUID.randomUUID(), request.userId(), request.type(), zone, request.text().trim(), now);
    reminder.setAssistantId(request.assistantId());
    reminder.setMissedRunPolicy(MissedRunPolicy.orDefault(request.missedRunPolicy()));
    if (request.type() == ReminderType.ONE_TIME) {
      reminder.setTriggerAt(request.triggerAt());
    } else {
      reminder.setCronExpression(ScheduleRules.normalise(request.cronExpression()));
    }
    Instant next = ScheduleRules.nextFireTime(reminder, now);
    if (next == null) {
      throw new InvalidInputException("cronExpression", "never fires");
    }
    reminder.setNextTriggerAt(next);
    reminder.setIdempotency(idempotencyKey, digest);
    reminders.saveAndFlush(reminder);
    changes.record(reminder, ChangeType.CREATED);
    return Outcome.created(reminder.toDto());
  }

  @Transactional
  public ReminderDto update(UUID id, UpdateReminderRequest request) {
    Instant now = clock.instant();
    Reminder reminder = queries.load(id);
    FieldErrors errors = new FieldErrors();
    if (request.triggerAt() != null) {
      if (reminder.type() != ReminderType.ONE_TIME) {
        errors.reject("triggerAt", "is only for one_time reminders; this one is recurring");
      } else if (request.triggerAt().isBefore(now.minus(ScheduleRules.PAST_TOLERANCE))) {
        errors.reject("triggerAt", "must not be in the past");
      }
    }
    if (request.cronExpression() != null) {
      if (reminder.type() != ReminderType.RECURRING) {
        errors.reject("cronExpression", "is only for recurring reminders; this one is one_time");
      } else {
        ScheduleRules.problem(request.cronExpression())
            .ifPresent(problem -> errors.reject("cronExpression", problem));
      }
    }
    TimeZones.check(errors, "timezone", request.timezone());
    if (request.cronExpression() != null && !errors.has("cronExpression")) {
      String zone =
          request.timezone() != null && !errors.has("timezone")
              ? request.timezone()
              : reminder.timezone();
      schedules.checkInterval(errors, request.cronExpression(), zone, now);
    }
    if (request.assistantId() != null && !assistants.exists(request.assistantId())) {
      errors.reject("assistantId", "names no assistant: " + request.assistantId());
    }
    errors.throwIfAny();
    ReminderStatus from = reminder.status();
    if (request.status() != null && !Reminder.canMove(from, request.status())) {
      throw new ConflictException(
          "a reminder cannot go from "
              + wire(from)
              + " to "
              + wire(request.status())
              + "; allowed: "
              + Reminder.TRANSITIONS.get(from).stream().map(ReminderService::wire).toList());
    }
    if (from != ReminderStatus.ACTIVE && request.status() == ReminderStatus.ACTIVE) {
      requireRoomForActive(reminder.userId());
    }
    boolean scheduleChanged =
        request.triggerAt() != null
            || request.cronExpression() != null
            || request.timezone() != null
            || (from == ReminderStatus.PAUSED && request.status() == ReminderStatus.ACTIVE);
    if (request.assistantId() != null) {
      reminder.setAssistantId(request.assistantId());
    }
    if (request.triggerAt() != null) {
      reminder.setTriggerAt(request.triggerAt());
    }
    if (request.cronExpression() != null) {
      reminder.setCronExpression(ScheduleRules.normalise(request.cronExpression()));
    }
    if (request.timezone() != null) {
      reminder.setTimezone(request.timezone());
    }
    if (request.text() != null) {
      reminder.setText(request.text().trim());
    }
    if (request.missedRunPolicy() != null) {
      reminder.setMissedRunPolicy(request.missedRunPolicy());
    }
    if (request.status() != null) {
      reminder.setStatus(request.status());
    }
    if (request.lastTriggeredAt() != null) {
      reminder.setLastTriggeredAt(request.lastTriggeredAt());
    }
    if (request.nextTriggerAt() != null) {
      reminder.setNextTriggerAt(request.nextTriggerAt());
    } else if (scheduleChanged) {
      Instant next = ScheduleRules.nextFireTime(reminder, now);
      if (next == null) {
        throw new InvalidInputException("cronExpression", "never fires");
      }
      reminder.setNextTriggerAt(next);
    }
    reminder.touch(now);
    reminders.flush();
    changes.record(reminder, ChangeType.UPDATED);
    return reminder.toDto();
  }

  @Transactional
  void delete(UUID id) {
    Reminder reminder = queries.load(id);
    reminders.delete(reminder);
    reminders.flush();
    changes.record(reminder, ChangeType.DELETED);
  }

  /**
   * 409 when the user already has as many active reminders as allowed. Locks the user's row first,
   * so that concurrent creations or re-activations for one user count one after the other and
   * cannot together exceed the limit.
   */
  private void requireRoomForActive(long userId) {
    users.lock(userId);
    long active = reminders.countByUserIdAndStatus(userId, ReminderStatus.ACTIVE);
    if (active >= limits.maxActivePerUser()) {
      throw new ConflictException(
          "user "
              + userId
              + " already has "
              + active
              + " active reminders, the most allowed is "
              + limits.maxActivePerUser()
              + "; cancel or delete one before adding another");
    }
  }

  private static String wire(ReminderStatus status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }
}
