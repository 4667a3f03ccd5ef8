package org.smartassistant.rest.reminders;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.CreateReminderRunRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.ScheduledRemindersPage;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.FieldErrors;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.Idempotency.Outcome;
import org.smartassistant.rest.web.NotFoundException;
import org.smartassistant.rest.web.Paging;
import org.smartassistant.rest.web.TimeZones;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of reminders: what a valid schedule is, which status changes are allowed, and how a
 * recorded run moves the reminder on (a delivered one-time reminder is completed; a recurring one
 * gets its next fire time).
 */
@Service
class ReminderService {

  /** How far in the past a new one-time reminder may be (clock differences between services). */
  static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

  private final ReminderRepository reminders;
  private final ReminderRunRepository runs;
  private final UserLookup users;
  private final AssistantLookup assistants;
  private final ChangeEvents events;
  private final ReminderLimits limits;
  private final Clock clock;

  ReminderService(
      ReminderRepository reminders,
      ReminderRunRepository runs,
      UserLookup users,
      AssistantLookup assistants,
      ChangeEvents events,
      ReminderLimits limits,
      Clock clock) {
    this.reminders = reminders;
    this.runs = runs;
    this.users = users;
    this.assistants = assistants;
    this.events = events;
    this.limits = limits;
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
    checkSchedule(errors, request.type(), request.triggerAt(), request.cronExpression(), now);
    if (request.type() == ReminderType.RECURRING && !errors.has("cronExpression")) {
      String zone =
          request.timezone() != null && !errors.has("timezone")
              ? request.timezone()
              : userZone.orElse("UTC");
      checkInterval(errors, request.cronExpression(), zone, now);
    }
    errors.throwIfAny();
    String zone = request.timezone() != null ? request.timezone() : userZone.get();
    requireRoomForActive(request.userId());
    Reminder reminder =
        new Reminder(
            UUID.randomUUID(), request.userId(), request.type(), zone, request.text().trim(), now);
    reminder.setAssistantId(request.assistantId());
    if (request.type() == ReminderType.ONE_TIME) {
      reminder.setTriggerAt(request.triggerAt());
    } else {
      reminder.setCronExpression(normalise(request.cronExpression()));
    }
    Instant next = nextFireTime(reminder, now);
    if (next == null) {
      throw new InvalidInputException("cronExpression", "never fires");
    }
    reminder.setNextTriggerAt(next);
    reminder.setIdempotency(idempotencyKey, digest);
    reminders.saveAndFlush(reminder);
    event(reminder, ChangeType.CREATED);
    return Outcome.created(reminder.toDto());
  }

  @Transactional(readOnly = true)
  ReminderDto get(UUID id) {
    return load(id).toDto();
  }

  @Transactional(readOnly = true)
  PageDto<ReminderDto> list(
      Long userId, ReminderStatus status, ReminderType type, UUID assistantId, int page, int size) {
    Specification<Reminder> filter = (root, query, cb) -> cb.conjunction();
    if (userId != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("userId"), userId));
    }
    if (status != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
    }
    if (type != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("type"), type));
    }
    if (assistantId != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("assistantId"), assistantId));
    }
    return Paging.toDto(
        reminders.findAll(filter, Paging.of(page, size, Sort.by("createdAt", "id"))),
        Reminder::toDto);
  }

  /**
   * Active reminders ordered by id after the cursor. Keyset paging: a page never repeats or skips a
   * reminder that stays active while the client pages through.
   */
  @Transactional(readOnly = true)
  ScheduledRemindersPage scheduled(UUID after, int size) {
    PageRequest limit = PageRequest.of(0, size + 1);
    List<Reminder> found =
        after == null
            ? reminders.findFirstPage(ReminderStatus.ACTIVE, limit)
            : reminders.findPageAfter(ReminderStatus.ACTIVE, after, limit);
    boolean more = found.size() > size;
    List<Reminder> page = more ? found.subList(0, size) : found;
    UUID next = more ? page.get(page.size() - 1).id() : null;
    return new ScheduledRemindersPage(page.stream().map(Reminder::toDto).toList(), next);
  }

  @Transactional
  ReminderDto update(UUID id, UpdateReminderRequest request) {
    Instant now = clock.instant();
    Reminder reminder = load(id);
    FieldErrors errors = new FieldErrors();
    if (request.triggerAt() != null) {
      if (reminder.type() != ReminderType.ONE_TIME) {
        errors.reject("triggerAt", "is only for one_time reminders; this one is recurring");
      } else if (request.triggerAt().isBefore(now.minus(PAST_TOLERANCE))) {
        errors.reject("triggerAt", "must not be in the past");
      }
    }
    if (request.cronExpression() != null) {
      if (reminder.type() != ReminderType.RECURRING) {
        errors.reject("cronExpression", "is only for recurring reminders; this one is one_time");
      } else {
        CronSchedule.problem(request.cronExpression())
            .ifPresent(problem -> errors.reject("cronExpression", problem));
      }
    }
    TimeZones.check(errors, "timezone", request.timezone());
    if (request.cronExpression() != null && !errors.has("cronExpression")) {
      String zone =
          request.timezone() != null && !errors.has("timezone")
              ? request.timezone()
              : reminder.timezone();
      checkInterval(errors, request.cronExpression(), zone, now);
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
      reminder.setCronExpression(normalise(request.cronExpression()));
    }
    if (request.timezone() != null) {
      reminder.setTimezone(request.timezone());
    }
    if (request.text() != null) {
      reminder.setText(request.text().trim());
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
      Instant next = nextFireTime(reminder, now);
      if (next == null) {
        throw new InvalidInputException("cronExpression", "never fires");
      }
      reminder.setNextTriggerAt(next);
    }
    reminder.touch(now);
    reminders.flush();
    event(reminder, ChangeType.UPDATED);
    return reminder.toDto();
  }

  @Transactional
  void delete(UUID id) {
    Reminder reminder = load(id);
    reminders.delete(reminder);
    reminders.flush();
    event(reminder, ChangeType.DELETED);
  }

  /**
   * Records a firing (409 when this reminder's {@code scheduledFor} was recorded before) and moves
   * an active reminder on: delivered or late completes a one-time reminder, missed marks it missed;
   * a recurring one gets its next fire time. A failed run changes nothing.
   */
  @Transactional
  ReminderRunDto recordRun(UUID reminderId, CreateReminderRunRequest request) {
    Instant now = clock.instant();
    Reminder reminder = load(reminderId);
    if (runs.existsByReminderIdAndScheduledFor(reminderId, request.scheduledFor())) {
      throw new ConflictException(
          "a run of reminder "
              + reminderId
              + " scheduled for "
              + request.scheduledFor()
              + " is already recorded");
    }
    if (request.status() == ReminderRunStatus.SKIPPED && !users.blocked(reminder.userId())) {
      throw new InvalidInputException(
          "status",
          "skipped is only for reminders of a blocked user; user "
              + reminder.userId()
              + " is not blocked");
    }
    Instant firedAt = request.firedAt() != null ? request.firedAt() : now;
    ReminderRun run =
        runs.saveAndFlush(
            new ReminderRun(
                reminderId,
                request.scheduledFor(),
                firedAt,
                request.status(),
                request.detail(),
                now));
    if (advance(reminder, request.scheduledFor(), firedAt, request.status(), now)) {
      reminder.touch(now);
      reminders.flush();
      event(reminder, ChangeType.UPDATED);
    }
    return run.toDto();
  }

  @Transactional(readOnly = true)
  PageDto<ReminderRunDto> runs(UUID reminderId, int page, int size) {
    load(reminderId);
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
              : outcome == ReminderRunStatus.SKIPPED
                  ? ReminderStatus.CANCELLED
                  : ReminderStatus.MISSED);
      reminder.setNextTriggerAt(null);
    } else {
      Instant from = scheduledFor.isAfter(now) ? scheduledFor : now;
      reminder.setNextTriggerAt(
          CronSchedule.next(reminder.cronExpression(), reminder.timezone(), from));
    }
    return true;
  }

  private static void checkSchedule(
      FieldErrors errors,
      ReminderType type,
      Instant triggerAt,
      String cronExpression,
      Instant now) {
    if (type == ReminderType.ONE_TIME) {
      if (triggerAt == null) {
        errors.reject("triggerAt", "is required for a one_time reminder");
      } else if (triggerAt.isBefore(now.minus(PAST_TOLERANCE))) {
        errors.reject("triggerAt", "must not be in the past");
      }
      if (cronExpression != null) {
        errors.reject("cronExpression", "must be absent for a one_time reminder");
      }
    } else if (type == ReminderType.RECURRING) {
      CronSchedule.problem(cronExpression)
          .ifPresent(problem -> errors.reject("cronExpression", problem));
      if (triggerAt != null) {
        errors.reject("triggerAt", "must be absent for a recurring reminder");
      }
    }
  }

  /** Refuses a cron whose runs can come closer together than the configured minimum. */
  private void checkInterval(FieldErrors errors, String cronExpression, String zone, Instant now) {
    Duration minimum = limits.minInterval();
    CronSchedule.shortestGap(cronExpression, zone, now)
        .filter(gap -> gap.compareTo(minimum) < 0)
        .ifPresent(
            gap ->
                errors.reject(
                    "cronExpression",
                    "fires too often: recurring reminders must be at least "
                        + describe(minimum)
                        + " apart, and '"
                        + normalise(cronExpression)
                        + "' has runs "
                        + describe(gap)
                        + " apart"));
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

  /** A duration as people say it: "5 minutes", "1 hour 30 minutes", "45 seconds". */
  static String describe(Duration duration) {
    List<String> parts = new java.util.ArrayList<>();
    long hours = duration.toHours();
    int minutes = duration.toMinutesPart();
    int seconds = duration.toSecondsPart();
    if (hours > 0) {
      parts.add(hours + (hours == 1 ? " hour" : " hours"));
    }
    if (minutes > 0) {
      parts.add(minutes + (minutes == 1 ? " minute" : " minutes"));
    }
    if (seconds > 0 || parts.isEmpty()) {
      parts.add(seconds + (seconds == 1 ? " second" : " seconds"));
    }
    return String.join(" ", parts);
  }

  private static Instant nextFireTime(Reminder reminder, Instant now) {
    if (reminder.type() == ReminderType.ONE_TIME) {
      return reminder.triggerAt();
    }
    return CronSchedule.next(reminder.cronExpression(), reminder.timezone(), now);
  }

  private static String normalise(String cronExpression) {
    return String.join(" ", cronExpression.trim().split("\\s+"));
  }

  private static String wire(ReminderStatus status) {
    return status.name().toLowerCase(java.util.Locale.ROOT);
  }

  private void event(Reminder reminder, ChangeType change) {
    events.record(
        ChangeKind.REMINDER,
        reminder.id(),
        change,
        Map.of(ChangeEvent.USER_ID, reminder.userId().toString()));
  }

  private Reminder load(UUID id) {
    return reminders.findById(id).orElseThrow(() -> new NotFoundException("reminder", id));
  }
}
