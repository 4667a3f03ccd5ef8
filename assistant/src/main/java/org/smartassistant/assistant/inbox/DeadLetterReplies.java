package org.smartassistant.assistant.inbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.calendar.CalendarConnectedHandler;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.reminders.ReminderAnnouncer;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.DeadLetter;
import org.smartassistant.common.stream.DeadLetterHandler;
import org.smartassistant.common.stream.Envelope;
import org.springframework.stereotype.Component;

/**
 * Told once when the inbox consumer gives up on an envelope: the user gets one short apology (a
 * reminder is delivered as written instead), published with the same idempotency key as a reply, so
 * a user never gets both an answer and an apology for one message.
 */
@Component
class DeadLetterReplies implements DeadLetterHandler {

  static final String APOLOGY =
      "Sorry, something went wrong on my side and I could not answer that message. Please try"
          + " again in a minute.";

  private static final Logger log = LoggerFactory.getLogger(DeadLetterReplies.class);

  private final Outbox outbox;
  private final SecretaryResolver secretaries;
  private final ReminderAnnouncer reminders;

  DeadLetterReplies(Outbox outbox, SecretaryResolver secretaries, ReminderAnnouncer reminders) {
    this.outbox = outbox;
    this.secretaries = secretaries;
    this.reminders = reminders;
  }

  @Override
  public void deadLettered(DeadLetter deadLetter) {
    Envelope envelope = deadLetter.envelope();
    if (envelope == null || envelope.userId() == null) {
      log.warn("dead letter {} has no user to tell: {}", deadLetter.recordId(), deadLetter.error());
      return;
    }
    switch (envelope.type()) {
      case USER_MESSAGE, CONVERSATION_RESET -> outbox.error(envelope, chatOf(envelope), APOLOGY);
      case CALENDAR_CONNECTED ->
          outbox.notify(envelope, chatOf(envelope), CalendarConnectedHandler.CONFIRMATION);
      case REMINDER_TRIGGERED -> reminders.deliverAsWritten(envelope);
      default ->
          log.warn("dead letter {} is not for a user: {}", deadLetter.recordId(), envelope.type());
    }
  }

  private long chatOf(Envelope envelope) {
    if (envelope.chatId() != null) {
      return envelope.chatId();
    }
    UserDto user = secretaries.user(envelope.userId());
    return Outbox.chatOf(envelope, user);
  }
}
