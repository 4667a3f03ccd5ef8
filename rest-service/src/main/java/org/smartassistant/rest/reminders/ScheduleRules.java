package org.smartassistant.rest.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.reminders.ReminderCron;
import org.smartassistant.rest.web.FieldErrors;
import org.springframework.stereotype.Component;

/**
 * What a valid schedule is: a one-time reminder's time, a recurring reminder's 5-field cron (the
 * dialect of {@link ReminderCron}: the one validation of it, worded for the API) and the smallest
 * gap between its runs; and when a reminder fires next.
 */
@Component
class ScheduleRules {

  /** How far in the past a new one-time reminder may be (clock differences between services). */
  static final Duration PAST_TOLERANCE = Duration.ofMinutes(1);

  /** Runs looked at by {@link #shortestGap}. */
  static final int GAP_RUNS = 1000;

  /** How far ahead {@link #shortestGap} looks at most. */
  static final Duration GAP_HORIZON = Duration.ofDays(366);

  private final ReminderLimits limits;

  ScheduleRules(ReminderLimits limits) {
    this.limits = limits;
  }

  /** What is wrong with the expression, or empty when it is a valid 5-field expression. */
  static Optional<String> problem(String expression) {
    if (expression == null || expression.isBlank()) {
      return Optional.of("is required for a recurring reminder");
    }
    try {
      ReminderCron.parse(expression);
      return Optional.empty();
    } catch (ReminderCron.Invalid e) {
      if (e.wrongFieldCount()) {
        return Optional.of(
            "must have 5 fields (minute hour day-of-month month day-of-week), e.g. '0 9 * * 1-5';"
                + " got "
                + e.fields());
      }
      return Optional.of("is not a valid cron expression: " + e.getMessage());
    }
  }

  /** The first fire time strictly after {@code after}, or null if the expression never fires. */
  static Instant next(String expression, String zone, Instant after) {
    return ReminderCron.parse(expression).next(after, ZoneId.of(zone));
  }

  /**
   * The shortest time between two consecutive runs after {@code from}, looking at the next {@value
   * #GAP_RUNS} runs within {@link #GAP_HORIZON}. A 5-field cron repeats its gaps within each hour
   * and day, and its day changes within a year; a schedule dense enough to fill 1000 runs before
   * that shows its short gaps within its first days. Empty when it fires less than twice.
   */
  static Optional<Duration> shortestGap(String expression, String zone, Instant from) {
    ReminderCron cron = ReminderCron.parse(expression);
    ZonedDateTime end = from.atZone(ZoneId.of(zone)).plus(GAP_HORIZON);
    ZonedDateTime previous = cron.next(from.atZone(ZoneId.of(zone)));
    Duration shortest = null;
    for (int run = 1; run < GAP_RUNS && previous != null && previous.isBefore(end); run++) {
      ZonedDateTime next = cron.next(previous);
      if (next == null) {
        break;
      }
      Duration gap = Duration.between(previous.toInstant(), next.toInstant());
      if (shortest == null || gap.compareTo(shortest) < 0) {
        shortest = gap;
      }
      previous = next;
    }
    return Optional.ofNullable(shortest);
  }

  /** The schedule fields of a new reminder: the one its type needs, and not the other. */
  static void checkSchedule(
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
      problem(cronExpression).ifPresent(problem -> errors.reject("cronExpression", problem));
      if (triggerAt != null) {
        errors.reject("triggerAt", "must be absent for a recurring reminder");
      }
    }
  }

  /** Refuses a cron whose runs can come closer together than the configured minimum. */
  void checkInterval(FieldErrors errors, String cronExpression, String zone, Instant now) {
    Duration minimum = limits.minInterval();
    shortestGap(cronExpression, zone, now)
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

  /** When the reminder fires first after {@code now}: its time, or its cron's next run. */
  static Instant nextFireTime(Reminder reminder, Instant now) {
    if (reminder.type() == ReminderType.ONE_TIME) {
      return reminder.triggerAt();
    }
    return next(reminder.cronExpression(), reminder.timezone(), now);
  }

  static String normalise(String cronExpression) {
    return ReminderCron.parse(cronExpression).expression();
  }

  /** A duration as people say it: "5 minutes", "1 hour 30 minutes", "45 seconds". */
  static String describe(Duration duration) {
    List<String> parts = new ArrayList<>();
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
}
