package org.smartassistant.assistant.inbox;

import org.smartassistant.assistant.conversation.HistoryMessage;
import org.smartassistant.assistant.conversation.SecretaryTurn;
import org.smartassistant.assistant.conversation.SecretaryTurns;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.NoSecretaryException;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Answers a {@code user_message}: the user's secretary answers in a {@link SecretaryTurn} with the
 * conversation so far and its tools; the turn is stored (Redis window and rest-service) and the
 * reply published, all before the handler returns and the entry is acknowledged. A failure of the
 * model propagates, so the consumer retries the message and, in the end, {@link DeadLetterReplies}
 * apologises once.
 */
@Component
class UserMessageHandler {

  static final String UNKNOWN_USER =
      "I don't know you yet. Please send /start so that I can set things up for you.";
  static final String NO_SECRETARY =
      "No assistant is set up to answer you yet. Please ask the operator of this bot to configure"
          + " one.";

  private final SecretaryResolver secretaries;
  private final SecretaryTurns turns;
  private final Outbox outbox;

  UserMessageHandler(SecretaryResolver secretaries, SecretaryTurns turns, Outbox outbox) {
    this.secretaries = secretaries;
    this.turns = turns;
    this.outbox = outbox;
  }

  void handle(Envelope envelope) {
    long userId = envelope.userId();
    String text = envelope.text() == null ? "" : envelope.text();
    UserDto user;
    AssistantDto secretary;
    try {
      user = secretaries.user(userId);
      secretary = secretaries.secretaryOf(userId);
    } catch (UserNotRegisteredException e) {
      outbox.error(envelope, Outbox.chatOf(envelope, null), UNKNOWN_USER);
      return;
    } catch (NoSecretaryException e) {
      outbox.error(envelope, Outbox.chatOf(envelope, null), NO_SECRETARY);
      return;
    }
    SecretaryTurn turn = turns.open(envelope.id(), user, secretary, Outbox.chatOf(envelope, user));
    String answer = turn.answerWithTools(new UserMessage(text));
    turn.remember(HistoryMessage.user(text), HistoryMessage.assistant(answer));
    outbox.reply(envelope, turn.chatId(), answer);
    // after the reply, so that the user never waits for it; best effort, retried next turn
    turn.compact();
  }
}
