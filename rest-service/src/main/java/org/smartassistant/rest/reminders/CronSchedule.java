package org.smartassistant.rest.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.springframework.scheduling.support.CronExpression;

/**
 * The 5-field cron expressions of recurring reminders (minute hour day-of-month month day-of-week,
 * evaluated in the reminder's zone, so DST moves with the wall clock), checked and evaluated with
 * Spring's {@link CronExpression} after prefixing the seconds field.
 */
final class CronSchedule {

  /** Runs looked at by {@link #shortestGap}. */
  static final int GAP_RUNS = 1000;

  /** How far ahead {@link #shortestGap} looks at most. */
  static final Duration GAP_HORIZON = Duration.ofDays(366);

  private CronSchedule() {}

  /** What is wrong with the expression, or empty when it is a valid 5-field expression. */
  static Optional<String> problem(String expression) {
    if (expression == null || expression.isBlank()) {
      return Optional.of("is required for a recurring reminder");
    }
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      return Optional.of(
          "must have 5 fields (minute hour day-of-month month day-of-week), e.g. '0 9 * * 1-5'; got "
              + fields.length);
    }
    try {
      CronExpression.parse(seconds(expression));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of("is not a valid cron expression: " + e.getMessage());
    }
  }

  /** The first fire time strictly after {@code after}, or null if the expression never fires. */
  static Instant next(String expression, String zone, Instant after) {
    ZonedDateTime next =
        CronExpression.parse(seconds(expression)).next(after.atZone(ZoneId.of(zone)));
    return next == null ? null : next.toInstant();
  }

  /**
   * The shortest time between two consecutive runs after {@code from}, looking at the next {@value
   * #GAP_RUNS} runs within {@link #GAP_HORIZON}. A 5-field cron repeats its gaps within each hour
   * and day, and its day changes within a year; a schedule dense enough to fill 1000 runs before
   * that shows its short gaps within its first days. Empty when it fires less than twice.
   */
  static Optional<Duration> shortestGap(String expression, String zone, Instant from) {
    CronExpression cron = CronExpression.parse(seconds(expression));
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

  private static String seconds(String expression) {
    return "0 " + expression.trim();
  }
}
