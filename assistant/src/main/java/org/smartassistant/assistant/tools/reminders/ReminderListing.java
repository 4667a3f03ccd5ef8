package org.smartassistant.assistant.tools.reminders;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.RestServiceClient;

/**
 * A user's own reminders as the reminder tools show them: read from rest-service for that user
 * only, the next due first, each as a line with its short id and next time in the user's zone.
 */
final class ReminderListing {

  /** Characters of a reminder's id shown to the model: enough to tell a user's reminders apart. */
  static final int SHORT_ID = 8;

  /** Pages of one status read for a user at most (200 each); no user comes near. */
  private static final int MAX_PAGES = 10;

  private static final int PAGE_SIZE = 200;

  private final RestServiceClient rest;

  ReminderListing(RestServiceClient rest) {
    this.rest = rest;
  }

  /** The user's active and paused reminders, the next due first. */
  List<ReminderDto> own(long userId) {
    List<ReminderDto> reminders = new ArrayList<>();
    for (ReminderStatus status : List.of(ReminderStatus.ACTIVE, ReminderStatus.PAUSED)) {
      for (int page = 0; page < MAX_PAGES; page++) {
        PageDto<ReminderDto> found = rest.reminders(userId, status, null, page, PAGE_SIZE);
        // rest-service filters by user; checked again, as this is what keeps users apart
        found.items().stream()
            .filter(reminder -> reminder.userId() != null && reminder.userId() == userId)
            .forEach(reminders::add);
        if (page + 1 >= found.totalPages()) {
          break;
        }
      }
    }
    reminders.sort(
        Comparator.comparing(
            ReminderListing::nextTime, Comparator.nullsLast(Comparator.naturalOrder())));
    return reminders;
  }

  static String shortId(UUID id) {
    return id.toString().substring(0, SHORT_ID);
  }

  static String line(ReminderDto reminder, ZoneId zone) {
    return "["
        + shortId(reminder.id())
        + "] \""
        + reminder.text()
        + "\" — "
        + when(reminder, zone)
        + (reminder.status() == ReminderStatus.PAUSED ? " (paused)" : "");
  }

  static String when(ReminderDto reminder, ZoneId userZone) {
    Instant next = nextTime(reminder);
    if (reminder.type() == ReminderType.RECURRING) {
      ZoneId cronZone = zoneOf(reminder.timezone(), userZone);
      String schedule = "repeats on the schedule '" + reminder.cronExpression() + "'";
      if (!cronZone.equals(userZone)) {
        schedule += " in " + cronZone.getId();
      }
      return next == null
          ? schedule
          : schedule + ", next " + ReminderTimes.describe(next.atZone(userZone));
    }
    return next == null ? "no time set" : "due " + ReminderTimes.describe(next.atZone(userZone));
  }

  private static Instant nextTime(ReminderDto reminder) {
    return reminder.nextTriggerAt() != null ? reminder.nextTriggerAt() : reminder.triggerAt();
  }

  private static ZoneId zoneOf(String zone, ZoneId fallback) {
    try {
      return zone == null ? fallback : ZoneId.of(zone);
    } catch (java.time.DateTimeException e) {
      return fallback;
    }
  }
}
