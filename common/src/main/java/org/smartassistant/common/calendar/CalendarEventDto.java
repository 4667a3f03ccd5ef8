package org.smartassistant.common.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An event of a user's calendar, normalised from Google's form. {@code start} and {@code end} are
 * always set; for an all-day event they are the start of {@code startDate} and {@code endDate} in
 * the event's (or else the calendar's) time zone, and {@code endDate} is exclusive, as in Google
 * and iCalendar: a one-day event on 25 November has startDate 25 and endDate 26 November.
 */
public record CalendarEventDto(
    String id,
    String title,
    Instant start,
    Instant end,
    boolean allDay,
    LocalDate startDate,
    LocalDate endDate,
    String timeZone,
    String location,
    String description,
    String htmlLink) {}
