package org.smartassistant.assistant.reminders;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.ReminderTiming;
import org.smartassistant.common.stream.ReminderTriggered;

/**
 * A {@code reminder_triggered} envelope from cron-service, read ({@link ReminderTriggered}, the
 * contract in common): which reminder, for which time, with what text, and whether it comes on
 * time, late (after a downtime, within the misfire limit), was missed (beyond it) or was skipped
 * (missed during a downtime, and its missed-run policy is {@code skip}); and how the assistant says
 * it.
 *
 * @param reminderId the reminder, or null when the envelope names none
 * @param scheduledFor the time it was due, or null
 * @param text what to remind of
 * @param timing on time, late or missed
 * @param zone the reminder's zone, or null
 */
record ReminderNotice(
    String reminderId, Instant scheduledFor, String text, ReminderTiming timing, ZoneId zone) {

  private static final DateTimeFormatter DUE =
      DateTimeFormatter.ofPattern("HH:mm 'on' EEEE, d MMMM uuuu", Locale.ENGLISH);

  static ReminderNotice of(Envelope envelope) {
    ReminderTriggered triggered = ReminderTriggered.of(envelope);
    return new ReminderNotice(
        triggered.reminderId(),
        triggered.scheduledFor(),
        triggered.text() == null ? "(no text)" : triggered.text(),
        triggered.timing(),
        zone(triggered.timezone()));
  }

  /** The attributes of the notification that tells it: which reminder, for when, and how. */
  Map<String, String> toAttrs() {
    Map<String, String> attrs = new LinkedHashMap<>();
    if (reminderId != null) {
      attrs.put(EnvelopeAttribute.REMINDER_ID.wireName(), reminderId);
    }
    if (scheduledFor != null) {
      attrs.put(EnvelopeAttribute.SCHEDULED_FOR.wireName(), scheduledFor.toString());
    }
    attrs.put(EnvelopeAttribute.REMINDER_STATUS.wireName(), timing.wireName());
    return attrs;
  }

  /**
   * The outbox idempotency key: one message per reminder and scheduled time, however often the
   * notice arrives and under whichever envelope id; {@code fallback} when the envelope names no
   * reminder or time.
   */
  String idempotencyKey(String fallback) {
    if (reminderId == null || scheduledFor == null) {
      return fallback;
    }
    return "reminder:" + reminderId + ":" + scheduledFor;
  }

  /** The id under which the steps of telling this reminder are remembered. */
  UUID turnId(UUID envelopeId) {
    if (reminderId == null || scheduledFor == null) {
      return envelopeId;
    }
    return UUID.nameUUIDFromBytes(idempotencyKey(null).getBytes(StandardCharsets.UTF_8));
  }

  /** What the secretary is asked to do: not the user's words, hence marked as a notice. */
  String instruction(ZoneId userZone, Instant now) {
    StringBuilder instruction = new StringBuilder("(Automatic notice, not written by the user.) ");
    switch (timing) {
      case ON_TIME ->
          instruction
              .append("Tell the user about this reminder now, in your own words, in one or two")
              .append(" sentences: \"")
              .append(text)
              .append("\".");
      case LATE ->
          instruction
              .append("Tell the user about this reminder now, in your own words, in one or two")
              .append(" sentences, and say that it comes late")
              .append(
                  due(userZone) == null
                      ? ""
                      : " (it was due at " + due(userZone) + lateness(now) + ")")
              .append(" because the reminder service was unavailable: \"")
              .append(text)
              .append("\".");
      case MISSED ->
          instruction
              .append("Tell the user, in one or two sentences, that this reminder was missed")
              .append(due(userZone) == null ? "" : " (it was due at " + due(userZone) + ")")
              .append(" because the reminder service was unavailable for too long, and what it")
              .append(" was about: \"")
              .append(text)
              .append("\".");
      case SKIPPED ->
          instruction
              .append("Tell the user, in one or two sentences, that this reminder was skipped")
              .append(due(userZone) == null ? "" : " (it was due at " + due(userZone) + ")")
              .append(" because the reminder service was unavailable at that time and the")
              .append(" reminder is set to skip missed runs rather than come late; do not present")
              .append(" it as due now. It was about: \"")
              .append(text)
              .append("\".");
    }
    return instruction.toString();
  }

  /** The secretary's words with the mark of a late or missed reminder, which is always there. */
  String voiced(String words, ZoneId userZone) {
    return words.strip() + mark(userZone);
  }

  /** The reminder as delivered without the model. */
  String asWritten(ZoneId userZone) {
    String label =
        switch (timing) {
          case MISSED -> "⏰ Missed reminder: ";
          case SKIPPED -> "⏰ Skipped reminder: ";
          default -> "⏰ Reminder: ";
        };
    return label + text + mark(userZone);
  }

  private String mark(ZoneId userZone) {
    String due = due(userZone);
    return switch (timing) {
      case ON_TIME -> "";
      case LATE ->
          "\n\n_(Late: " + (due == null ? "delivered after its time" : "was due at " + due) + ".)_";
      case MISSED ->
          "\n\n_(Missed: "
              + (due == null ? "it" : "it was due at " + due + " and")
              + " could not be delivered in time.)_";
      case SKIPPED ->
          "\n\n_(Skipped: "
              + (due == null ? "it" : "it was due at " + due + " and")
              + " was missed while the reminder service was unavailable; this reminder skips"
              + " missed runs.)_";
    };
  }

  /** The due time in the user's zone, e.g. "09:00 on Tuesday, 24 November 2026". */
  String due(ZoneId userZone) {
    if (scheduledFor == null) {
      return null;
    }
    ZoneId in = userZone != null ? userZone : zone != null ? zone : ZoneId.of("UTC");
    return DUE.format(ZonedDateTime.ofInstant(scheduledFor, in));
  }

  private String lateness(Instant now) {
    if (scheduledFor == null || now == null) {
      return "";
    }
    long minutes = Duration.between(scheduledFor, now).toMinutes();
    if (minutes < 1) {
      return "";
    }
    return ", " + minutes + (minutes == 1 ? " minute" : " minutes") + " ago";
  }

  private static ZoneId zone(String value) {
    try {
      return value == null ? null : ZoneId.of(value);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
