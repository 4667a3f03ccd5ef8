package org.smartassistant.assistant.tools.calendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.smartassistant.assistant.tools.calendar.LocalTimes.DateOrTime;

/**
 * The start and end of an event the model asks {@code calendar_create} to add, read in the user's
 * zone: the instants of a timed event or the days of an all-day one, or the sentence that tells the
 * model why they cannot be sent.
 */
final class EventDrafts {

  static final Duration DEFAULT_DURATION = Duration.ofHours(1);

  /** Dates and times as the model is told them back. */
  static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu, HH:mm", Locale.ENGLISH);

  private EventDrafts() {}

  /** What is sent for an event, or why it cannot be. */
  record Draft(
      ZonedDateTime start,
      ZonedDateTime end,
      LocalDate startDate,
      LocalDate endDate,
      String note,
      String problem) {

    static Draft refused(String problem) {
      return new Draft(null, null, null, null, "", problem);
    }
  }

  static Draft allDay(DateOrTime first, String end, ZoneId zone) {
    LocalDate startDate = first.day();
    LocalDate lastDay = startDate;
    if (!blank(end)) {
      DateOrTime last = LocalTimes.parse(end, zone);
      if (last == null) {
        return Draft.refused(unreadable("end", end, zone));
      }
      lastDay = last.day();
    }
    if (lastDay.isBefore(startDate)) {
      return Draft.refused(
          "The last day ("
              + lastDay
              + ") is before the first day ("
              + startDate
              + "). Give the last day of the event, on or after its first day.");
    }
    // Google's end date is exclusive
    return new Draft(null, null, startDate, lastDay.plusDays(1), "", null);
  }

  static Draft timed(DateOrTime first, String end, ZoneId zone) {
    if (first.isDate()) {
      return Draft.refused(
          "A timed event needs a start time: give start as a local date-time such as "
              + first.date()
              + "T09:00, or make it an all-day event.");
    }
    LocalDateTime startLocal = first.dateTime();
    ZonedDateTime startAt = LocalTimes.at(startLocal, zone);
    ZonedDateTime endAt;
    if (blank(end)) {
      endAt = startAt.plus(DEFAULT_DURATION);
    } else {
      DateOrTime last = LocalTimes.parse(end, zone);
      LocalTime endTime = last == null ? LocalTimes.parseTime(end) : null;
      if (last == null && endTime == null) {
        return Draft.refused(unreadable("end", end, zone));
      }
      if (last != null && last.isDate()) {
        return Draft.refused(
            "For a timed event give the end as a local date-time (YYYY-MM-DDTHH:MM) or a time"
                + " (HH:MM), not a date alone.");
      }
      endAt =
          LocalTimes.at(
              last != null ? last.dateTime() : startLocal.toLocalDate().atTime(endTime), zone);
    }
    if (!endAt.isAfter(startAt)) {
      return Draft.refused(
          "The end ("
              + HUMAN.format(endAt)
              + ") is not after the start ("
              + HUMAN.format(startAt)
              + "). Give an end after the start, or none for one hour.");
    }
    String note = "";
    if (!startAt.toLocalDateTime().equals(startLocal)) {
      note =
          " Note: "
              + startLocal.toLocalTime()
              + " does not exist on that day in "
              + zone.getId()
              + " (the clocks skip it), so the event starts at "
              + startAt.toLocalTime()
              + ".";
    }
    return new Draft(startAt, endAt, null, null, note, null);
  }

  static String unreadable(String field, String value, ZoneId zone) {
    return "'"
        + value
        + "' ("
        + field
        + ") is not a date or time I can read. Write dates as YYYY-MM-DD and times as"
        + " YYYY-MM-DDTHH:MM, in the user's time zone ("
        + zone.getId()
        + ").";
  }

  static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
