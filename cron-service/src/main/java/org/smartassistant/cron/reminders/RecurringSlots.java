package org.smartassistant.cron.reminders;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.smartassistant.common.reminders.ReminderCron;

/**
 * A recurring reminder's slots: the times its 5-field cron names in its time zone, all computed by
 * common's {@link ReminderCron}, as rest-service computes {@code nextTriggerAt}. Quartz only fires
 * at the instants found here. Answers what a firing needs: the first slot of a new trigger, the
 * slot after a firing, and the newest slot missed during a downtime.
 */
final class RecurringSlots {

  /**
   * Look-back windows for the newest slot, tried from the smallest so that few slots are walked.
   */
  private static final List<Duration> LOOK_BACK =
      List.of(
          Duration.ofMinutes(1),
          Duration.ofHours(1),
          Duration.ofDays(1),
          Duration.ofDays(8),
          Duration.ofDays(32),
          Duration.ofDays(400),
          Duration.ofDays(3000));

  private final ReminderCron cron;
  private final ZoneId zone;

  private RecurringSlots(ReminderCron cron, ZoneId zone) {
    this.cron = cron;
    this.zone = zone;
  }

  /**
   * @throws InvalidScheduleException when the cron or the zone is unusable
   */
  static RecurringSlots of(String cron, String zoneId) {
    ReminderCron parsed;
    try {
      parsed = ReminderCron.parse(cron);
    } catch (ReminderCron.Invalid e) {
      throw new InvalidScheduleException("'" + cron + "': " + e.getMessage());
    }
    return new RecurringSlots(parsed, zone(zoneId));
  }

  /** The first slot strictly after {@code after}, or null if there is none. */
  Instant nextAfter(Instant after) {
    return cron.next(after, zone);
  }

  /** The first slot at or after {@code start}, or null if there is none. */
  Instant firstFrom(Instant start) {
    return nextAfter(start.minusNanos(1));
  }

  /** Whether {@code time} is a slot. */
  boolean isSlot(Instant time) {
    return time.equals(firstFrom(time));
  }

  /**
   * The newest slot no later than {@code end} and not before {@code notBefore} (null: no bound), or
   * null if there is none.
   */
  Instant latest(Instant notBefore, Instant end) {
    for (Duration window : LOOK_BACK) {
      Instant from = end.minus(window);
      boolean widest = false;
      if (notBefore != null && !from.isAfter(notBefore)) {
        from = notBefore;
        widest = true;
      }
      Instant found = null;
      for (Instant slot = firstFrom(from);
          slot != null && !slot.isAfter(end);
          slot = nextAfter(slot)) {
        found = slot;
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
      return ZoneId.of(zoneId);
    } catch (DateTimeException e) {
      throw new InvalidScheduleException("'" + zoneId + "' is not a time zone");
    }
  }
}
