package org.smartassistant.common.stream;

import static org.smartassistant.common.stream.EnvelopeAttribute.REMINDER_ID;
import static org.smartassistant.common.stream.EnvelopeAttribute.REMINDER_LATE;
import static org.smartassistant.common.stream.EnvelopeAttribute.REMINDER_STATUS;
import static org.smartassistant.common.stream.EnvelopeAttribute.REMINDER_TEXT;
import static org.smartassistant.common.stream.EnvelopeAttribute.REMINDER_TIMEZONE;
import static org.smartassistant.common.stream.EnvelopeAttribute.REMINDER_TYPE;
import static org.smartassistant.common.stream.EnvelopeAttribute.SCHEDULED_FOR;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.smartassistant.common.api.ReminderType;

/**
 * The attributes of a {@code reminder_triggered} envelope, the contract between cron-service, which
 * writes them, and the assistant, which reads them (docs/scheduler.md, docs/streams.md).
 *
 * @param reminderId the reminder, or null when the envelope names none
 * @param scheduledFor when it was due, or null
 * @param text what to remind of, or null
 * @param timing on time, late or missed
 * @param type one-time or recurring, or null
 * @param timezone the reminder's zone id, or null
 */
public record ReminderTriggered(
    String reminderId,
    Instant scheduledFor,
    String text,
    ReminderTiming timing,
    ReminderType type,
    String timezone) {

  public ReminderTriggered {
    timing = timing == null ? ReminderTiming.ON_TIME : timing;
  }

  /** The attributes as written: the status and, derived from it, the {@code late} flag. */
  public Map<String, String> toAttrs() {
    Map<String, String> attrs = new LinkedHashMap<>();
    put(attrs, REMINDER_ID, reminderId);
    put(attrs, SCHEDULED_FOR, scheduledFor == null ? null : scheduledFor.toString());
    put(attrs, REMINDER_TEXT, text);
    put(attrs, REMINDER_STATUS, timing.wireName());
    put(attrs, REMINDER_LATE, Boolean.toString(timing.late()));
    put(attrs, REMINDER_TYPE, type == null ? null : type.name().toLowerCase(Locale.ROOT));
    put(attrs, REMINDER_TIMEZONE, timezone);
    return attrs;
  }

  /**
   * Reads the attributes leniently (a notice must reach the user even when half of it is odd): a
   * blank value counts as none, an unreadable time or type as none, the envelope's {@code text}
   * stands in for a missing text, and the timing is read as {@link ReminderTiming} says.
   */
  public static ReminderTriggered of(Envelope envelope) {
    String text = value(envelope, REMINDER_TEXT);
    if (text == null) {
      text = envelope.text() == null || envelope.text().isBlank() ? null : envelope.text().strip();
    }
    return new ReminderTriggered(
        value(envelope, REMINDER_ID),
        instant(value(envelope, SCHEDULED_FOR)),
        text,
        ReminderTiming.read(envelope.attr(REMINDER_STATUS), envelope.attr(REMINDER_LATE)),
        type(value(envelope, REMINDER_TYPE)),
        value(envelope, REMINDER_TIMEZONE));
  }

  private static void put(Map<String, String> attrs, EnvelopeAttribute name, String value) {
    if (value != null) {
      attrs.put(name.wireName(), value);
    }
  }

  private static String value(Envelope envelope, EnvelopeAttribute name) {
    String value = envelope.attr(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static Instant instant(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static ReminderType type(String value) {
    for (ReminderType type : ReminderType.values()) {
      if (type.name().equalsIgnoreCase(value)) {
        return type;
      }
    }
    return null;
  }
}
