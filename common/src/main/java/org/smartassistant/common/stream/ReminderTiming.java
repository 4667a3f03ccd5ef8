package org.smartassistant.common.stream;

import java.util.Locale;
import org.smartassistant.common.api.ReminderRunStatus;

/**
 * How a reminder comes to the user: the {@code status} of a {@code reminder_triggered} (and of the
 * notification that tells it). One value says it all; the {@code late} flag written beside it is
 * derived ({@link #late()}).
 */
public enum ReminderTiming {
  /** Due now. */
  ON_TIME("delivered"),
  /** After a downtime of the scheduler, within the misfire limit: said to come late. */
  LATE("late"),
  /** Beyond the misfire limit: the user is told that it was missed, not that it is due. */
  MISSED("missed"),
  /**
   * Missed during a downtime of a reminder whose missed-run policy is {@code skip}: not delivered;
   * the user is told once that it was skipped.
   */
  SKIPPED("skipped");

  private final String wireName;

  ReminderTiming(String wireName) {
    this.wireName = wireName;
  }

  /** The value of the {@code status} attribute. */
  public String wireName() {
    return wireName;
  }

  /** The value of the {@code late} attribute: true for late, missed and skipped. */
  public boolean late() {
    return this != ON_TIME;
  }

  /**
   * The timing of a firing recorded with {@code status} (delivered, late, missed, or skipped by the
   * reminder's missed-run policy).
   */
  public static ReminderTiming of(ReminderRunStatus status) {
    return switch (status) {
      case DELIVERED -> ON_TIME;
      case LATE -> LATE;
      case MISSED -> MISSED;
      case SKIPPED -> SKIPPED;
      default -> throw new IllegalArgumentException("a " + status + " run reaches no user");
    };
  }

  /**
   * Reads the attributes: the status when it is one of the known values, else (an older producer)
   * late when the {@code late} flag is true, else on time.
   */
  static ReminderTiming read(String status, String late) {
    if (status != null) {
      String value = status.strip().toLowerCase(Locale.ROOT);
      for (ReminderTiming timing : values()) {
        if (timing.wireName.equals(value)) {
          return timing;
        }
      }
    }
    return "true".equalsIgnoreCase(late == null ? null : late.strip()) ? LATE : ON_TIME;
  }
}
