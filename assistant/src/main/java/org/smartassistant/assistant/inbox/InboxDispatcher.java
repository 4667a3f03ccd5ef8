package org.smartassistant.assistant.inbox;

import org.smartassistant.assistant.calendar.CalendarConnectedAnnouncer;
import org.smartassistant.assistant.reminders.ReminderAnnouncer;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeHandler;
import org.springframework.stereotype.Component;

/** Hands each inbox envelope to the handler of its type. */
@Component
class InboxDispatcher implements EnvelopeHandler {

  private final UserMessageHandler userMessages;
  private final ConversationResetHandler resets;
  private final ReminderAnnouncer reminders;
  private final CalendarConnectedAnnouncer calendarConnections;

  InboxDispatcher(
      UserMessageHandler userMessages,
      ConversationResetHandler resets,
      ReminderAnnouncer reminders,
      CalendarConnectedAnnouncer calendarConnections) {
    this.userMessages = userMessages;
    this.resets = resets;
    this.reminders = reminders;
    this.calendarConnections = calendarConnections;
  }

  @Override
  public void handle(Envelope envelope) {
    if (envelope.userId() == null) {
      throw new IllegalArgumentException("envelope " + envelope.id() + " names no user");
    }
    switch (envelope.type()) {
      case USER_MESSAGE -> userMessages.handle(envelope);
      case CONVERSATION_RESET -> resets.handle(envelope);
      case REMINDER_TRIGGERED -> reminders.announce(envelope);
      case CALENDAR_CONNECTED -> calendarConnections.announce(envelope);
      // outbox types never belong here; failing sends the entry to the dead letters
      default ->
          throw new IllegalArgumentException(
              "envelope type " + envelope.type().wireName() + " does not belong in the inbox");
    }
  }
}
