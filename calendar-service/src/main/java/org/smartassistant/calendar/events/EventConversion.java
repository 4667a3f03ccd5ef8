package org.smartassistant.calendar.events;

import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.TimeZone;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;

/** Converts between Google's event resource and calendar-service's normalised event records. */
final class EventConversion {

  private EventConversion() {}

  /**
   * The normalised form; an all-day event's days count in the event's zone, else the calendar's,
   * else UTC.
   */
  static CalendarEventDto toDto(Event event, String calendarTimeZone) {
    EventDateTime start = event.getStart();
    EventDateTime end = event.getEnd() == null ? start : event.getEnd();
    String timeZone = start.getTimeZone() != null ? start.getTimeZone() : calendarTimeZone;
    ZoneId zone = zoneOrUtc(timeZone);
    boolean allDay = start.getDate() != null;
    LocalDate startDate = allDay ? date(start.getDate()) : null;
    LocalDate endDate =
        allDay ? (end.getDate() == null ? startDate.plusDays(1) : date(end.getDate())) : null;
    Instant startInstant =
        allDay ? startDate.atStartOfDay(zone).toInstant() : instant(start.getDateTime());
    Instant endInstant =
        allDay ? endDate.atStartOfDay(zone).toInstant() : instant(end.getDateTime());
    return new CalendarEventDto(
        event.getId(),
        event.getSummary(),
        startInstant,
        endInstant,
        allDay,
        startDate,
        endDate,
        timeZone,
        event.getLocation(),
        event.getDescription(),
        event.getHtmlLink());
  }

  /**
   * Google's form of a validated request. A timed event's date-times carry the offset of {@code
   * zone} at that instant (so DST is right) and the zone's name; without a zone they are UTC.
   */
  static Event toGoogle(CreateCalendarEventRequest request, ZoneId zone) {
    Event event =
        new Event()
            .setSummary(request.title().strip())
            .setDescription(blankToNull(request.description()))
            .setLocation(blankToNull(request.location()));
    String zoneName = zone == null ? null : zone.getId();
    if (request.allDay()) {
      LocalDate endDate =
          request.endDate() == null ? request.startDate().plusDays(1) : request.endDate();
      event.setStart(
          new EventDateTime()
              .setDate(new DateTime(request.startDate().toString()))
              .setTimeZone(zoneName));
      event.setEnd(
          new EventDateTime().setDate(new DateTime(endDate.toString())).setTimeZone(zoneName));
    } else {
      TimeZone timeZone = TimeZone.getTimeZone(zone == null ? ZoneOffset.UTC : zone);
      event.setStart(
          new EventDateTime()
              .setDateTime(new DateTime(Date.from(request.start()), timeZone))
              .setTimeZone(zoneName));
      event.setEnd(
          new EventDateTime()
              .setDateTime(new DateTime(Date.from(request.end()), timeZone))
              .setTimeZone(zoneName));
    }
    return event;
  }

  private static Instant instant(DateTime dateTime) {
    return Instant.ofEpochMilli(dateTime.getValue());
  }

  private static LocalDate date(DateTime date) {
    return LocalDate.parse(date.toStringRfc3339());
  }

  private static ZoneId zoneOrUtc(String zone) {
    if (zone == null) {
      return ZoneOffset.UTC;
    }
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return ZoneOffset.UTC;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
