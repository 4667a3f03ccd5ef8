package org.smartassistant.cron.reminders;

import java.text.ParseException;
import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.quartz.CronExpression;

/**
 * Turns a reminder's 5-field cron expression (minute hour day-of-month month day-of-week) into
 * Quartz's 6-field form. Two things differ: Quartz numbers the days of the week 1=SUN..7=SAT where
 * the 5-field form uses 0=SUN..6=SAT (and 7=SUN), and Quartz needs {@code ?} in either the
 * day-of-month or the day-of-week. When both day fields are restricted, a day must match both, as
 * in common's {@code ReminderCron} with which rest-service validates the expression and computes
 * {@code nextTriggerAt} (crontab would take either); Quartz cannot combine the two, so the
 * day-of-week becomes a filter applied to the day-of-month schedule. No macros: rest-service
 * refuses them, so none reaches this service.
 */
final class CronExpressions {

  /**
   * The Quartz form: the expression a trigger follows, and when both day fields are restricted the
   * day-of-week expression a fire time must also satisfy (else null).
   */
  record QuartzCron(String schedule, String filter) {}

  private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  private static final Pattern DAY_ITEM =
      Pattern.compile("(\\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:/(\\d+))?");
  private static final Pattern DAY_SPECIAL = Pattern.compile("([A-Z0-9]+)(L|#[1-5])");
  private static final Pattern PLAIN_FIELD = Pattern.compile("[0-9A-Z*,/\\-?LW#]+");

  private CronExpressions() {}

  /**
   * The Quartz form of a 5-field expression.
   *
   * @throws InvalidScheduleException when the expression is not a valid 5-field cron expression
   */
  static QuartzCron toQuartz(String cron) {
    if (cron == null || cron.isBlank()) {
      throw new InvalidScheduleException("the cron expression is empty");
    }
    String expression = cron.trim().toUpperCase(Locale.ROOT);
    String[] fields = expression.split("\\s+");
    if (fields.length != 5) {
      throw new InvalidScheduleException(
          "'" + cron + "' has " + fields.length + " fields, expected 5");
    }
    for (int i = 0; i < 4; i++) {
      if (!PLAIN_FIELD.matcher(fields[i]).matches()) {
        throw new InvalidScheduleException("'" + cron + "': bad field '" + fields[i] + "'");
      }
    }
    String minute = starIfQuestion(fields[0]);
    String hour = starIfQuestion(fields[1]);
    String dayOfMonth = fields[2];
    String month = starIfQuestion(fields[3]);
    String dayOfWeek = fields[4];
    boolean anyDayOfMonth = dayOfMonth.equals("*") || dayOfMonth.equals("?");
    boolean anyDayOfWeek = dayOfWeek.equals("*") || dayOfWeek.equals("?");
    String head = "0 " + minute + " " + hour + " ";

    QuartzCron quartz;
    if (anyDayOfWeek) {
      quartz = new QuartzCron(head + (anyDayOfMonth ? "*" : dayOfMonth) + " " + month + " ?", null);
    } else {
      String byWeekday = head + "? " + month + " " + quartzDayOfWeek(cron, dayOfWeek);
      quartz =
          anyDayOfMonth
              ? new QuartzCron(byWeekday, null)
              : new QuartzCron(head + dayOfMonth + " " + month + " ?", byWeekday);
    }
    validate(cron, quartz.schedule());
    if (quartz.filter() != null) {
      validate(cron, quartz.filter());
    }
    return quartz;
  }

  private static void validate(String cron, String quartz) {
    try {
      CronExpression.validateExpression(quartz);
    } catch (ParseException e) {
      throw new InvalidScheduleException("'" + cron + "': " + e.getMessage());
    }
  }

  private static String starIfQuestion(String field) {
    return field.equals("?") ? "*" : field;
  }

  /** Day-of-week in Quartz's numbering, as day names so that no number can be misread. */
  private static String quartzDayOfWeek(String cron, String field) {
    Matcher special = DAY_SPECIAL.matcher(field);
    if (special.matches()) {
      // "5L" (last Friday) and "5#3" (third Friday) keep their suffix; only the day is renamed
      return DAY_NAMES[day(cron, special.group(1))] + special.group(2);
    }
    BitSet days = new BitSet(7);
    for (String item : field.split(",", -1)) {
      Matcher matcher = DAY_ITEM.matcher(item);
      if (!matcher.matches()) {
        throw new InvalidScheduleException("'" + cron + "': bad day of week '" + item + "'");
      }
      int step = matcher.group(3) == null ? 1 : Integer.parseInt(matcher.group(3));
      if (step < 1) {
        throw new InvalidScheduleException("'" + cron + "': step must be at least 1");
      }
      int from;
      int to;
      if (matcher.group(1).equals("*")) {
        if (matcher.group(2) != null) {
          throw new InvalidScheduleException("'" + cron + "': bad day of week '" + item + "'");
        }
        from = 0;
        to = 6;
      } else {
        from = rawDay(cron, matcher.group(1));
        to =
            matcher.group(2) != null
                ? rawDay(cron, matcher.group(2))
                : matcher.group(3) != null ? 6 : from;
      }
      if (to < from) {
        // a range across the week's end, e.g. FRI-MON
        to += 7;
      }
      for (int day = from; day <= to; day += step) {
        days.set(day % 7);
      }
    }
    StringBuilder names = new StringBuilder();
    for (int day = days.nextSetBit(0); day >= 0; day = days.nextSetBit(day + 1)) {
      if (!names.isEmpty()) {
        names.append(',');
      }
      names.append(DAY_NAMES[day]);
    }
    return names.toString();
  }

  /** A day 0=SUN..6=SAT; crontab's 7 (also Sunday) becomes 0. */
  private static int day(String cron, String token) {
    return rawDay(cron, token) % 7;
  }

  /** A day 0..7 as written (7 kept, so that a range like 5-7 stays a forward range). */
  private static int rawDay(String cron, String token) {
    for (int i = 0; i < DAY_NAMES.length; i++) {
      if (DAY_NAMES[i].equals(token)) {
        return i;
      }
    }
    try {
      int day = Integer.parseInt(token);
      if (day >= 0 && day <= 7) {
        return day;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidScheduleException(
        "'" + cron + "': '" + token + "' is not a day of the week (0-7 or SUN-SAT)");
  }
}
