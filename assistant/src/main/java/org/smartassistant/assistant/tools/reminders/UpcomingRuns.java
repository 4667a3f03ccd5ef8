package org.smartassistant.assistant.tools.reminders;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.smartassistant.common.reminders.ReminderCron;

/**
 * The next runs of a recurring reminder as its confirmation shows them: computed by common's {@link
 * ReminderCron} (the engine with which rest-service and cron-service compute them too) in the
 * reminder's zone, and said in local time with the UTC offset of each, so that a wrong time or a
 * DST change is seen at once.
 */
final class UpcomingRuns {

  /** How many runs a confirmation shows. */
  static final int SHOWN = 3;

  private UpcomingRuns() {}

  /**
   * The first {@code count} runs from {@code first}, itself a run of {@code cron}, in {@code
   * first}'s zone: the wall-clock time stays the same across a DST change.
   */
  static List<ZonedDateTime> from(String cron, ZonedDateTime first, int count) {
    ReminderCron expression = ReminderCron.parse(cron);
    List<ZonedDateTime> runs = new ArrayList<>();
    for (ZonedDateTime run = first;
        run != null && runs.size() < count;
        run = expression.next(run)) {
      runs.add(run);
    }
    return runs;
  }

  /**
   * E.g. "Saturday, 27 March 2027 at 08:00 (UTC+01:00); Sunday, 28 March 2027 at 08:00 (UTC+02:00,
   * the clocks have changed)".
   */
  static String describe(List<ZonedDateTime> runs) {
    StringBuilder text = new StringBuilder();
    ZoneOffset previous = null;
    for (ZonedDateTime run : runs) {
      if (!text.isEmpty()) {
        text.append("; ");
      }
      text.append(ReminderTimes.describe(run)).append(" (UTC").append(run.getOffset().getId());
      if (previous != null && !previous.equals(run.getOffset())) {
        text.append(", the clocks have changed");
      }
      text.append(')');
      previous = run.getOffset();
    }
    return text.toString();
  }
}
