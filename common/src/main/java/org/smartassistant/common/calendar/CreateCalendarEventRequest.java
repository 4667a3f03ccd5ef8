package org.smartassistant.common.calendar;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Creates an event. A timed event ({@code allDay} false) needs {@code start} and {@code end} (after
 * start); {@code timeZone} (IANA) is the zone Google shows and repeats it in. An all-day event
 * needs {@code startDate}; {@code endDate} is exclusive and defaults to the next day.
 */
public record CreateCalendarEventRequest(
    @NotBlank @Size(max = 1024) String title,
    Instant start,
    Instant end,
    LocalDate startDate,
    LocalDate endDate,
    @Size(max = 64) String timeZone,
    @Size(max = 8000) String description,
    @Size(max = 1024) String location,
    Boolean allDay) {

  public CreateCalendarEventRequest {
    // a missing "allDay" means a timed event
    allDay = Boolean.TRUE.equals(allDay);
  }

  /** A timed event from {@code start} to {@code end}, shown in {@code timeZone} (may be null). */
  public static CreateCalendarEventRequest timed(
      String title, Instant start, Instant end, String timeZone) {
    return new CreateCalendarEventRequest(
        title, start, end, null, null, timeZone, null, null, false);
  }

  /**
   * An all-day event from {@code startDate} up to, not including, {@code endDate} (may be null).
   */
  public static CreateCalendarEventRequest allDay(
      String title, LocalDate startDate, LocalDate endDate) {
    return new CreateCalendarEventRequest(
        title, null, null, startDate, endDate, null, null, null, true);
  }

  public CreateCalendarEventRequest withDetails(String newDescription, String newLocation) {
    return new CreateCalendarEventRequest(
        title, start, end, startDate, endDate, timeZone, newDescription, newLocation, allDay);
  }
}
