package org.smartassistant.common.reminders;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.springframework.scheduling.support.CronExpression;

/**
 * The cron dialect of recurring reminders, a contract between rest-service (which stores and
 * validates it) and the assistant (which reads what the model asks for): exactly 5 fields, minute
 * hour day-of-month month day-of-week, evaluated in the reminder's zone (so DST moves with the wall
 * clock) by Spring's {@link CronExpression} after prefixing the seconds field. No macros
 * ({@code @daily} etc.). When both day fields are restricted, a day must match both. A local time
 * that does not exist (clocks spring forward) is skipped that day; one that occurs twice (clocks
 * fall back) fires once, at its second occurrence. Every fire time of a recurring reminder, in
 * every service, comes from here.
 */
public final class ReminderCron {

  private final String expression;
  private final CronExpression cron;

  private ReminderCron(String expression, CronExpression cron) {
    this.expression = expression;
    this.cron = cron;
  }

  /**
   * Reads a 5-field expression.
   *
   * @throws Invalid when it is blank, has another number of fields or a field is not valid
   */
  public static ReminderCron parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new Invalid(0, "the expression is empty");
    }
    String[] fields = expression.trim().split("\\s+");
    if (fields.length != 5) {
      throw new Invalid(fields.length, "has " + fields.length + " fields, expected 5");
    }
    String normalised = String.join(" ", fields);
    try {
      return new ReminderCron(normalised, CronExpression.parse("0 " + normalised));
    } catch (IllegalArgumentException e) {
      throw new Invalid(5, e.getMessage());
    }
  }

  /** The expression with its fields separated by single spaces, as it is stored. */
  public String expression() {
    return expression;
  }

  /** The first fire time strictly after {@code after}, in its zone, or null if it never fires. */
  public ZonedDateTime next(ZonedDateTime after) {
    ZonedDateTime next = cron.next(after);
    // Spring's CronExpression fires a repeated local time at both occurrences; the first one, at
    // the earlier (summer) offset, is passed over so that a daily 02:30 fires once on that day
    while (next != null && !next.equals(next.withLaterOffsetAtOverlap())) {
      next = cron.next(next);
    }
    return next;
  }

  /** The first fire time strictly after {@code after} in {@code zone}, or null if never. */
  public Instant next(Instant after, ZoneId zone) {
    ZonedDateTime next = next(after.atZone(zone));
    return next == null ? null : next.toInstant();
  }

  @Override
  public String toString() {
    return expression;
  }

  /** An expression outside the dialect; each service words the problem for its own readers. */
  public static final class Invalid extends IllegalArgumentException {

    private final int fields;

    Invalid(int fields, String reason) {
      super(reason);
      this.fields = fields;
    }

    /** Whether the expression has some text but not 5 fields. */
    public boolean wrongFieldCount() {
      return fields != 5 && fields != 0;
    }

    /** The number of fields found (0 for a blank expression). */
    public int fields() {
      return fields;
    }
  }
}
