package org.smartassistant.cron.reminders;

import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * A recurring reminder's times: its 5-field cron in its time zone, evaluated by Quartz exactly as
 * its cron trigger is (DST included), with the day-of-week filter of an expression that restricts
 * both day fields. Answers what the trigger alone cannot: the newest slot missed during a downtime,
 * and the next time to show as {@code nextTriggerAt}.
 */
final class QuartzSchedule {

  /** Look-back windows for the last slot, tried from the smallest so that few slots are walked. */
  private static final List<Duration> LOOK_BACK =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofDays(1),
          Duration.ofDays(8),
          Duration.ofDays(32),
          Duration.ofDays(400),
          Duration.ofDays(3000));

  /** Bounds every walk over the slots; days without a matching weekday are skipped whole. */
  private static final int MAX_STEPS = 10_000;

  private final String quartzExpression;
  private final TimeZone timeZone;
  private final ZoneId zone;
  private final CronExpression schedule;
  private final CronExpression filter;

  private QuartzSchedule(CronExpressions.QuartzCron quartz, ZoneId zone) {
    this.quartzExpression = quartz.schedule();
    this.zone = zone;
    this.timeZone = TimeZone.getTimeZone(zone);
    this.schedule = expression(quartz.schedule(), timeZone);
    this.filter = quartz.filter() == null ? null : expression(quartz.filter(), timeZone);
  }

  /**
   * @throws InvalidScheduleException when the cron or the zone is unusable
   */
  static QuartzSchedule of(String cron, String zoneId) {
    return new QuartzSchedule(CronExpressions.toQuartz(cron), zone(zoneId));
  }

  /** The expression the reminder's Quartz cron trigger follows. */
  String quartzExpression() {
    return quartzExpression;
  }

  TimeZone timeZone() {
    return timeZone;
  }

  /** Whether the trigger fires at this time (whether or not the reminder is due then). */
  boolean isTriggerTime(Instant time) {
    return schedule.isSatisfiedBy(Date.from(time));
  }

  /** Whether the reminder is due at a time its trigger fires. */
  boolean isDue(Instant time) {
    return filter == null || filter.isSatisfiedBy(Date.from(time));
  }

  /** The first time after {@code after} at which the reminder is due, or null if never. */
  Instant nextAfter(Instant after) {
    Date candidate = schedule.getTimeAfter(Date.from(after));
    for (int step = 0; candidate != null && step < MAX_STEPS; step++) {
      Instant time = candidate.toInstant();
      if (isDue(time)) {
        return time;
      }
      // the filter is a weekday: nothing else on this local day can match
      Instant nextDay = time.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
      candidate = schedule.getTimeAfter(Date.from(nextDay.minusSeconds(1)));
    }
    return null;
  }

  /**
   * The newest time at which the reminder was due, no later than {@code end} and not before {@code
   * notBefore} (null: no bound), or null if there is none.
   */
  Instant latest(Instant notBefore, Instant end) {
    Instant last = end.truncatedTo(ChronoUnit.SECONDS);
    Instant bound = notBefore == null ? null : notBefore.truncatedTo(ChronoUnit.SECONDS);
    if (bound != null && notBefore.isAfter(bound)) {
      bound = bound.plusSeconds(1);
    }
    for (Duration window : LOOK_BACK) {
      Instant from = last.minus(window);
      boolean widest = false;
      if (bound != null && !from.isAfter(bound)) {
        from = bound;
        widest = true;
      }
      Instant found = null;
      Instant time = nextAfter(from.minusSeconds(1));
      while (time != null && !time.isAfter(last)) {
        found = time;
        time = nextAfter(time);
      }
      if (found != null || widest) {
        return found;
      }
    }
    return null;
  }

  private static ZoneId zone(String zoneId) {
    if (zoneId == null || zoneId.isBlank()) {
      throw new InvalidScheduleException("the reminder has no time zone");
    }
    try {
      // TimeZone.getTimeZone(String) alone would turn an unknown name into GMT without a word
      return ZoneId.of(zoneId);
    } catch (DateTimeException e) {
      throw new InvalidScheduleException("'" + zoneId + "' is not a time zone");
    }
  }

  private static CronExpression expression(String quartz, TimeZone zone) {
    try {
      CronExpression expression = new CronExpression(quartz);
      expression.setTimeZone(zone);
      return expression;
    } catch (ParseException e) {
      throw new InvalidScheduleException("'" + quartz + "': " + e.getMessage());
    }
  }
}
