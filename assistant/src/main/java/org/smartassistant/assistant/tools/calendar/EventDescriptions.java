package org.smartassistant.assistant.tools.calendar;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.smartassistant.common.calendar.CalendarEventDto;

/**
 * Writes calendar events for the model in the user's local time, compactly: one line per event with
 * weekday, date, local start and end (or "all day") and location.
 */
final class EventDescriptions {

  /** Lines beyond this are summed up, so a crowded calendar does not flood the prompt. */
  static final int MAX_LISTED = 50;

  private static final DateTimeFormatter SHORT_DAY =
      DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
  private static final DateTimeFormatter LONG_DAY =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu", Locale.ENGLISH);
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

  private EventDescriptions() {}

  /** The list answered by {@code calendar_list} for the window {@code [from, to)}. */
  static String list(
      List<CalendarEventDto> events, ZonedDateTime from, ZonedDateTime to, ZoneId zone) {
    String window = window(from, to);
    if (events.isEmpty()) {
      return "No events in the user's calendar " + window + " (" + zone.getId() + ").";
    }
    StringBuilder text =
        new StringBuilder("Events in the user's calendar ")
            .append(window)
            .append(" (times in ")
            .append(zone.getId())
            .append("):");
    int listed = Math.min(events.size(), MAX_LISTED);
    for (int i = 0; i < listed; i++) {
      text.append("\n- ").append(line(events.get(i), zone));
    }
    if (events.size() > listed) {
      text.append("\n(and ")
          .append(events.size() - listed)
          .append(" more; ask for a shorter period to see them)");
    }
    return text.toString();
  }

  /** One event: "Wed 25 Nov 14:00–15:00: Dentist (at Main St 1)". */
  static String line(CalendarEventDto event, ZoneId zone) {
    return when(event, zone) + ": " + titleOf(event) + where(event);
  }

  /** "on Wednesday 25 November 2026" for a day, else "from ... to ..." (end exclusive). */
  static String window(ZonedDateTime from, ZonedDateTime to) {
    if (isStartOfDay(from) && isStartOfDay(to)) {
      LocalDate first = from.toLocalDate();
      LocalDate last = to.toLocalDate().minusDays(1);
      if (!last.isAfter(first)) {
        return "on " + LONG_DAY.format(first);
      }
      return "from " + LONG_DAY.format(first) + " to " + LONG_DAY.format(last) + " inclusive";
    }
    return "from "
        + LONG_DAY.format(from)
        + " "
        + TIME.format(from)
        + " to "
        + LONG_DAY.format(to)
        + " "
        + TIME.format(to);
  }

  /** The local time of an event, e.g. "Fri 27 Nov 13:00–14:00" or "Thu 24 Dec, all day". */
  static String when(CalendarEventDto event, ZoneId zone) {
    if (event.allDay()) {
      LocalDate first =
          event.startDate() != null ? event.startDate() : event.start().atZone(zone).toLocalDate();
      LocalDate endExclusive =
          event.endDate() != null ? event.endDate() : event.end().atZone(zone).toLocalDate();
      LocalDate last = endExclusive.minusDays(1);
      if (!last.isAfter(first)) {
        return SHORT_DAY.format(first) + ", all day";
      }
      return SHORT_DAY.format(first) + " – " + SHORT_DAY.format(last) + ", all day";
    }
    ZonedDateTime start = event.start().atZone(zone);
    ZonedDateTime end = event.end() == null ? start : event.end().atZone(zone);
    if (start.toLocalDate().equals(end.toLocalDate())) {
      return SHORT_DAY.format(start) + " " + TIME.format(start) + "–" + TIME.format(end);
    }
    return SHORT_DAY.format(start)
        + " "
        + TIME.format(start)
        + " – "
        + SHORT_DAY.format(end)
        + " "
        + TIME.format(end);
  }

  /**
   * The confirmation of a created event, in the user's local time: "Created "Lunch with Anna" in
   * the user's Google Calendar: Friday 27 November 2026, 13:00–14:00 (Europe/Berlin), at Cafe
   * Einstein."
   */
  static String created(CalendarEventDto event, ZoneId zone) {
    StringBuilder text =
        new StringBuilder("Created \"")
            .append(titleOf(event))
            .append("\" in the user's Google Calendar: ");
    if (event.allDay()) {
      LocalDate first = event.startDate();
      LocalDate last = event.endDate() == null ? first : event.endDate().minusDays(1);
      text.append(
          last.isAfter(first)
              ? LONG_DAY.format(first) + " to " + LONG_DAY.format(last) + ", all day"
              : LONG_DAY.format(first) + ", all day");
    } else {
      ZonedDateTime start = event.start().atZone(zone);
      ZonedDateTime end = event.end().atZone(zone);
      text.append(LONG_DAY.format(start)).append(", ").append(TIME.format(start));
      if (start.toLocalDate().equals(end.toLocalDate())) {
        text.append('–');
      } else {
        text.append(" – ").append(LONG_DAY.format(end)).append(", ");
      }
      text.append(TIME.format(end)).append(" (").append(zone.getId()).append(')');
    }
    if (event.location() != null && !event.location().isBlank()) {
      text.append(", at ").append(event.location().strip());
    }
    text.append('.');
    if (event.htmlLink() != null && !event.htmlLink().isBlank()) {
      text.append(" Link: ").append(event.htmlLink());
    }
    return text.toString();
  }

  private static String titleOf(CalendarEventDto event) {
    return event.title() == null || event.title().isBlank() ? "(no title)" : event.title().strip();
  }

  private static String where(CalendarEventDto event) {
    return event.location() == null || event.location().isBlank()
        ? ""
        : " (at " + event.location().strip() + ")";
  }

  /** The first moment of its day; not always 00:00, some zones change the clock at midnight. */
  private static boolean isStartOfDay(ZonedDateTime time) {
    return time.equals(time.toLocalDate().atStartOfDay(time.getZone()));
  }
}
