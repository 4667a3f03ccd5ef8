package org.smartassistant.assistant.tools.calendar;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the dates and times a model writes for the calendar tools: ISO local dates ({@code
 * 2026-11-27}), local date-times ({@code 2026-11-27T13:00}, seconds and a space instead of the
 * {@code T} accepted) in the user's zone, and, as models sometimes add one, a date-time with an
 * offset, which is taken as the moment it names.
 */
final class LocalTimes {

  private LocalTimes() {}

  /** A date or a local date-time, as the model gave it. Exactly one of the two is set. */
  record DateOrTime(LocalDate date, LocalDateTime dateTime) {

    boolean isDate() {
      return date != null;
    }

    LocalDate day() {
      return date != null ? date : dateTime.toLocalDate();
    }
  }

  /**
   * The date or local date-time, or null when the text is none of the accepted forms.
   *
   * @param zone the user's zone, into which a date-time with an offset is converted
   */
  static DateOrTime parse(String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    String value = text.strip();
    if (value.length() > 10 && value.charAt(10) == ' ') {
      value = value.substring(0, 10) + 'T' + value.substring(11);
    }
    try {
      return new DateOrTime(LocalDate.parse(value), null);
    } catch (DateTimeParseException notADate) {
      // try the next form
    }
    try {
      return new DateOrTime(null, LocalDateTime.parse(value));
    } catch (DateTimeParseException notLocal) {
      // try the next form
    }
    try {
      return new DateOrTime(
          null, OffsetDateTime.parse(value).atZoneSameInstant(zone).toLocalDateTime());
    } catch (DateTimeParseException notOffset) {
      // try the next form
    }
    try {
      return new DateOrTime(
          null, ZonedDateTime.parse(value).withZoneSameInstant(zone).toLocalDateTime());
    } catch (DateTimeParseException none) {
      return null;
    }
  }

  /** A time of day alone ({@code 15:30}), or null. */
  static LocalTime parseTime(String text) {
    if (text == null) {
      return null;
    }
    try {
      return LocalTime.parse(text.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The moment a local date-time names in the zone. A time that the clock skips (the spring DST
   * change) moves forward by the gap, as clocks do; of a time that happens twice (autumn), the
   * first is taken.
   */
  static ZonedDateTime at(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null);
  }
}
