package org.smartassistant.cron.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.ReminderTiming;
import org.smartassistant.common.stream.ReminderTriggered;
import org.springframework.stereotype.Component;

/**
 * Puts a {@code reminder_triggered} envelope into the assistant's inbox, once per reminder and
 * scheduled time: the idempotency key and the envelope id are both derived from the two, so a
 * second firing for the same time adds nothing, and a consumer that dedupes on envelope ids would
 * skip a copy too. The attributes are common's {@link ReminderTriggered}, the contract with the
 * assistant (docs/scheduler.md).
 */
@Component
class ReminderNotices {

  static final String SOURCE = "cron-service";

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
    ReminderTriggered notice =
        new ReminderTriggered(
            reminder.id().toString(),
            scheduledFor,
            reminder.text(),
            ReminderTiming.of(status),
            reminder.type(),
            reminder.timezone());
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
            notice.toAttrs());
    return !publisher.publish(envelope, key).duplicate();
  }

  static String idempotencyKey(UUID reminderId, Instant scheduledFor) {
    return "reminder:" + reminderId + ":" + scheduledFor;
  }
}
