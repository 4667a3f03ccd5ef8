package org.smartassistant.cron.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.stereotype.Component;

/**
 * Puts a {@code reminder_triggered} envelope into the assistant's inbox, once per reminder and
 * scheduled time: the idempotency key and the envelope id are both derived from the two, so a
 * second firing for the same time adds nothing, and a consumer that dedupes on envelope ids would
 * skip a copy too. The attributes are the contract with the assistant (docs/scheduler.md).
 */
@Component
class ReminderNotices {

  static final String SOURCE = "cron-service";

  static final String REMINDER_ID = "reminderId";
  static final String SCHEDULED_FOR = "scheduledFor";
  static final String TEXT = "text";
  static final String STATUS = "status";
  static final String LATE = "late";
  static final String TYPE = "type";
  static final String TIMEZONE = "timezone";

  private final EnvelopePublisher publisher;

  ReminderNotices(EnvelopePublisher publisher) {
    this.publisher = publisher;
  }

  /** Publishes the notice unless it was published before; true when this call added it. */
  boolean publish(
      ReminderDto reminder,
      UserDto user,
      Instant scheduledFor,
      ReminderRunStatus status,
      Instant now) {
    String key = idempotencyKey(reminder.id(), scheduledFor);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(REMINDER_ID, reminder.id().toString());
    attrs.put(SCHEDULED_FOR, scheduledFor.toString());
    attrs.put(TEXT, reminder.text());
    attrs.put(STATUS, status.name().toLowerCase(Locale.ROOT));
    attrs.put(LATE, Boolean.toString(status != ReminderRunStatus.DELIVERED));
    attrs.put(TYPE, reminder.type().name().toLowerCase(Locale.ROOT));
    if (reminder.timezone() != null) {
      attrs.put(TIMEZONE, reminder.timezone());
    }
    Envelope envelope =
        new Envelope(
            UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
            EnvelopeType.REMINDER_TRIGGERED,
            reminder.userId(),
            user.telegramId(),
            reminder.text(),
            SOURCE,
            now,
            null,
            attrs);
    return !publisher.publish(envelope, key).duplicate();
  }

  static String idempotencyKey(UUID reminderId, Instant scheduledFor) {
    return "reminder:" + reminderId + ":" + scheduledFor;
  }
}
