package org.smartassistant.assistant.tools.reminders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.smartassistant.common.reminders.ReminderCron;

/**
 * Reads when a reminder tool call wants the reminder: a local date and time in the user's zone
 * ({@code when}), a delay from now ({@code in}) or a 5-field cron expression in the user's zone
 * ({@code cron}). Local times follow java.time's rules across DST changes: a time in the
 * spring-forward gap moves forward by the gap, a time in the fall-back overlap takes the earlier
 * offset, and both are said in a note. Bad input is answered with a sentence for the model, never
 * an exception.
 */
final class ReminderTimes {

  /** The furthest ahead a reminder may be set: beyond this it is almost surely a mistake. */
  static final Duration MAX_AHEAD = Duration.ofDays(3660);

  static final DateTimeFormatter HUMAN_DATE =
      DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu", Locale.ENGLISH);

  private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final DateTimeFormatter BARE_TIME = DateTimeFormatter.ofPattern("H:mm[:ss]");

  static final String NOTHING_GIVEN =
      "Say when the reminder is due: give 'when' (the user's local date and time, e.g."
          + " 2026-11-25T09:00), 'in' (a delay from now, e.g. PT20M or 20 minutes) or 'cron' (a"
          + " repeating schedule of 5 fields, e.g. '0 8 * * 1' for Mondays at 08:00).";
  static final String SEVERAL_GIVEN =
      "Give only one of 'when', 'in' or 'cron': a reminder is either due once (at a time or after"
          + " a delay) or repeats on a schedule.";

  private ReminderTimes() {}

  /** What a tool call asked for. */
  sealed interface Timing permits OneTime, Recurring, Refused {}

  /**
   * Due once.
   *
   * @param at the instant it is due
   * @param local the same instant in the user's zone
   * @param note a sentence about a DST adjustment of the given local time, or null
   */
  record OneTime(Instant at, ZonedDateTime local, String note) implements Timing {}

  /**
   * Repeating.
   *
   * @param cron the 5-field expression, normalised to single spaces
   * @param next the first time it fires, in the user's zone
   */
  record Recurring(String cron, ZonedDateTime next) implements Timing {}

  /** Not understood or not possible; the reason is a sentence for the model. */
  record Refused(String reason) implements Timing {}

  /**
   * Reads the one of {@code when}, {@code in} and {@code cron} that is given.
   *
   * @param zone the user's zone, in which local times and cron expressions are read
   * @param now the current instant
   */
  static Timing resolve(String when, String in, String cron, ZoneId zone, Instant now) {
    long given = List.of(blank(when), blank(in), blank(cron)).stream().filter(b -> !b).count();
    if (given == 0) {
      return new Refused(NOTHING_GIVEN);
    }
    if (given > 1) {
      return new Refused(SEVERAL_GIVEN);
    }
    if (!blank(when)) {
      return at(when.strip(), zone, now);
    }
    if (!blank(in)) {
      return after(in.strip(), zone, now);
    }
    return repeating(cron.strip(), zone, now);
  }

  /** A local date and time ({@code 2026-11-25T09:00}) or a bare time ({@code 09:00}). */
  static Timing at(String when, ZoneId zone, Instant now) {
    LocalDateTime local = parseLocalDateTime(when);
    if (local == null) {
      LocalTime time = parseLocalTime(when);
      if (time == null) {
        return new Refused(unreadableWhen(when, zone));
      }
      // a bare time is the next time the clock shows it: today, else tomorrow
      local = now.atZone(zone).toLocalDate().atTime(time);
      if (!ZonedDateTime.ofLocal(local, zone, null).toInstant().isAfter(now)) {
        local = local.plusDays(1);
      }
    }
    ZonedDateTime zoned = ZonedDateTime.ofLocal(local, zone, null);
    Instant at = zoned.toInstant();
    if (!at.isAfter(now)) {
      return new Refused(
          describe(zoned)
              + " ("
              + zone.getId()
              + ") has already passed: it is now "
              + describe(now.atZone(zone))
              + ". Give a time in the future.");
    }
    if (at.isAfter(now.plus(MAX_AHEAD))) {
      return new Refused(tooFar());
    }
    return new OneTime(at, zoned, dstNote(local, zoned, zone));
  }

  /** A delay: an ISO-8601 duration ({@code PT20M}) or a phrase ({@code 20 minutes}). */
  static Timing after(String in, ZoneId zone, Instant now) {
    Duration delay = Delays.parse(in);
    if (delay == null) {
      return new Refused(
          "'"
              + in
              + "' is not a delay I can read. Give it as an ISO-8601 duration such as PT20M,"
              + " PT2H or P1DT12H, or as a number with a unit such as '20 minutes' or '2 hours'.");
    }
    if (delay.isNegative() || delay.isZero()) {
      return new Refused("The delay must be more than zero; '" + in + "' is not.");
    }
    if (delay.compareTo(MAX_AHEAD) > 0) {
      return new Refused(tooFar());
    }
    Instant at = now.plus(delay);
    // whole seconds, rounded up, so the reminder is never due before the delay has passed
    Instant whole = at.truncatedTo(ChronoUnit.SECONDS);
    if (whole.isBefore(at)) {
      whole = whole.plusSeconds(1);
    }
    return new OneTime(whole, whole.atZone(zone), null);
  }

  /**
   * A 5-field cron expression read in the user's zone, by the dialect rest-service validates it
   * with ({@link ReminderCron}), so that the model hears what is wrong and when it first fires.
   */
  static Timing repeating(String cron, ZoneId zone, Instant now) {
    ReminderCron expression;
    try {
      expression = ReminderCron.parse(cron);
    } catch (ReminderCron.Invalid e) {
      if (e.wrongFieldCount()) {
        return new Refused(
            "'"
                + cron
                + "' is not a cron expression of 5 fields (minute hour day-of-month month"
                + " day-of-week). Examples: '0 8 * * 1' is Mondays at 08:00, '30 18 * * MON-FRI'"
                + " weekdays at 18:30, '0 9 1 * *' the first of every month at 09:00.");
      }
      return new Refused(
          "'"
              + cron
              + "' is not a valid cron expression ("
              + e.getMessage()
              + "). The 5 fields are minute (0-59), hour (0-23), day of month (1-31), month"
              + " (1-12 or JAN-DEC) and day of week (0-7 or SUN-SAT; 0 and 7 are Sunday).");
    }
    ZonedDateTime next = expression.next(now.atZone(zone));
    if (next == null) {
      return new Refused("'" + cron + "' never fires: no date matches all of its fields.");
    }
    return new Recurring(expression.expression(), next);
  }

  /** E.g. "Sunday, 28 March 2027 at 09:00" (seconds only when there are some). */
  static String describe(ZonedDateTime time) {
    return HUMAN_DATE.format(time)
        + " at "
        + (time.getSecond() == 0 ? HH_MM : HH_MM_SS).format(time.toLocalTime());
  }

  private static LocalDateTime parseLocalDateTime(String when) {
    try {
      return LocalDateTime.parse(when.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) +", "$1T"));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalTime parseLocalTime(String when) {
    try {
      return LocalTime.parse(when, BARE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String unreadableWhen(String when, ZoneId zone) {
    if (hasOffsetOrZone(when)) {
      return "Give 'when' as the user's local date and time without an offset or zone, e.g."
          + " 2026-11-25T09:00: it is read in the user's time zone, "
          + zone.getId()
          + ".";
    }
    return "'"
        + when
        + "' is not a date and time I can read. Give it as the user's local date and time,"
        + " yyyy-MM-ddTHH:mm (e.g. 2026-11-25T09:00), or as HH:mm for the next time the clock"
        + " shows it; it is read in "
        + zone.getId()
        + ".";
  }

  private static boolean hasOffsetOrZone(String when) {
    try {
      OffsetDateTime.parse(when);
      return true;
    } catch (DateTimeParseException e) {
      // not with an offset; perhaps with a zone
    }
    try {
      ZonedDateTime.parse(when);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static String dstNote(LocalDateTime asked, ZonedDateTime zoned, ZoneId zone) {
    List<ZoneOffset> offsets = zone.getRules().getValidOffsets(asked);
    if (offsets.isEmpty()) {
      return "Note: "
          + HH_MM.format(asked)
          + " does not exist on "
          + HUMAN_DATE.format(asked)
          + " in "
          + zone.getId()
          + " because the clocks go forward; the reminder is set for "
          + HH_MM.format(zoned)
          + " instead.";
    }
    if (offsets.size() > 1) {
      return "Note: "
          + HH_MM.format(asked)
          + " happens twice on "
          + HUMAN_DATE.format(asked)
          + " in "
          + zone.getId()
          + " because the clocks go back; the reminder is set for the first time (UTC"
          + zoned.getOffset().getId()
          + ").";
    }
    return null;
  }

  private static String tooFar() {
    return "That is more than ten years ahead; reminders can be set up to ten years in advance.";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
