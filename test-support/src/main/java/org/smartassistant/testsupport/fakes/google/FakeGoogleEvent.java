package org.smartassistant.testsupport.fakes.google;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * An event as the fake Google Calendar holds it.
 *
 * @param account the Google account whose primary calendar holds it
 * @param id Google's event id
 * @param summary the title
 * @param description the description, or null
 * @param location the location, or null
 * @param start when it starts
 * @param end when it ends (exclusive date for all-day events)
 * @param json the whole event resource as the Calendar API returns it
 */
public record FakeGoogleEvent(
    String account,
    String id,
    String summary,
    String description,
    String location,
    Time start,
    Time end,
    String json) {

  /** An all-day event has dates, not date-times. */
  public boolean allDay() {
    return start.date() != null;
  }

  /**
   * A start or end as Google's {@code EventDateTime}: either {@code dateTime} (RFC 3339, with an
   * offset once stored) or {@code date} (all-day), and the IANA {@code timeZone} if one was given.
   */
  public record Time(OffsetDateTime dateTime, LocalDate date, String timeZone) {

    /** The instant; a date counts from its start in the given zone (the calendar's if none). */
    public Instant instant(ZoneId calendarZone) {
      if (dateTime != null) {
        return dateTime.toInstant();
      }
      ZoneId zone = timeZone == null ? calendarZone : ZoneId.of(timeZone);
      return date.atStartOfDay(zone).toInstant();
    }
  }
}
