package org.smartassistant.assistant.inbox;

import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.stereotype.Component;

/**
 * Answers a {@code calendar_connected} from calendar-service with a short confirmation (the
 * envelope's own text when it carries one), so the user knows the calendar tools can now be used.
 */
@Component
class CalendarConnectedHandler {

  static final String CONFIRMATION =
      "Your Google Calendar is connected. You can now ask me about your events or to add new ones.";

  private final SecretaryResolver secretaries;
  private final Outbox outbox;

  CalendarConnectedHandler(SecretaryResolver secretaries, Outbox outbox) {
    this.secretaries = secretaries;
    this.outbox = outbox;
  }

  void handle(Envelope envelope) {
    UserDto user = envelope.chatId() == null ? secretaries.user(envelope.userId()) : null;
    String text =
        envelope.text() == null || envelope.text().isBlank() ? CONFIRMATION : envelope.text();
    outbox.notify(envelope, Chats.chatOf(envelope, user), text);
  }
}
