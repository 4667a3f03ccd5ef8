package org.smartassistant.assistant.inbox;

import org.smartassistant.assistant.conversation.ConversationStore;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.stereotype.Component;

/**
 * Answers a {@code conversation_reset} (the user's /reset): forgets the window in Redis and the
 * history in rest-service, then confirms. It is in the same per-user order as the user's messages,
 * so a message sent after /reset is answered without the old conversation.
 */
@Component
class ConversationResetHandler {

  static final String CONFIRMATION =
      "Done: I have forgotten our conversation. What shall we start with?";

  private final ConversationStore conversations;
  private final SecretaryResolver secretaries;
  private final Outbox outbox;

  ConversationResetHandler(
      ConversationStore conversations, SecretaryResolver secretaries, Outbox outbox) {
    this.conversations = conversations;
    this.secretaries = secretaries;
    this.outbox = outbox;
  }

  void handle(Envelope envelope) {
    conversations.reset(envelope.userId());
    UserDto user = null;
    if (envelope.chatId() == null) {
      try {
        user = secretaries.user(envelope.userId());
      } catch (UserNotRegisteredException e) {
        // nowhere to confirm to; the history is gone all the same
        return;
      }
    }
    outbox.reply(envelope, Outbox.chatOf(envelope, user), CONFIRMATION);
  }
}
