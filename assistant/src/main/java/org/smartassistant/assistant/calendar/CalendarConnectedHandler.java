package org.smartassistant.assistant.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.conversation.HistoryMessage;
import org.smartassistant.assistant.conversation.SecretaryTurn;
import org.smartassistant.assistant.conversation.SecretaryTurns;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Tells the user that their Google Calendar is connected when calendar-service announces it ({@code
 * calendar_connected}): the user's secretary says so in its own voice (a {@link SecretaryTurn}),
 * and when it cannot (model down, no secretary) a fixed friendly sentence goes out instead, so the
 * confirmation is never lost. What was said joins the conversation, so the user can go on from it
 * ("great, what's on tomorrow?").
 */
@Component
public class CalendarConnectedHandler {

  /** Said when the secretary cannot say it; also the right words for a dead-lettered envelope. */
  public static final String CONFIRMATION =
      "✅ Your Google Calendar is connected. You can now ask me about your events or to add new"
          + " ones.";

  /** What the model is asked to do: not the user's words, hence marked as a notice. */
  static final String NOTICE =
      "(Automatic notice, not written by the user.) The user has just connected their Google"
          + " Calendar, so from now on you can read their events and add new ones with your"
          + " calendar tools. Tell the user in one or two sentences that it worked. If they asked"
          + " for something about their calendar earlier that could not be done then, offer to do"
          + " it now.";

  private static final Logger log = LoggerFactory.getLogger(CalendarConnectedHandler.class);

  private final SecretaryResolver secretaries;
  private final SecretaryTurns turns;
  private final Outbox outbox;

  CalendarConnectedHandler(SecretaryResolver secretaries, SecretaryTurns turns, Outbox outbox) {
    this.secretaries = secretaries;
    this.turns = turns;
    this.outbox = outbox;
  }

  /**
   * Answers one {@code calendar_connected} envelope with a notification to the user's chat. Handled
   * again (redelivery), it repeats the same text, stores it once and publishes nothing new: the
   * outbox entry has the envelope's reply key, the one a dead-letter apology would use too.
   *
   * @throws IllegalArgumentException for an envelope of another type or without a user
   * @throws UserNotRegisteredException when rest-service does not know the user and the envelope
   *     names no chat to answer in
   */
  public void handle(Envelope envelope) {
    if (envelope.type() != EnvelopeType.CALENDAR_CONNECTED || envelope.userId() == null) {
      throw new IllegalArgumentException(
          "envelope " + envelope.id() + " is no calendar_connected of a user");
    }
    long userId = envelope.userId();
    UserDto user;
    try {
      user = secretaries.user(userId);
    } catch (UserNotRegisteredException e) {
      if (envelope.chatId() == null) {
        throw e;
      }
      log.warn("calendar of unknown user {} connected; confirming without the model", userId);
      outbox.notify(envelope, envelope.chatId(), CONFIRMATION);
      return;
    }
    long chatId = Outbox.chatOf(envelope, user);
    SecretaryTurn turn = null;
    String message;
    try {
      turn = turns.open(envelope.id(), user, secretaries.secretaryOf(userId), chatId);
      message = turn.answer(new UserMessage(NOTICE));
    } catch (RuntimeException e) {
      log.warn(
          "calendar of user {} connected; confirming with the fixed text: {}",
          userId,
          e.getMessage());
      message = CONFIRMATION;
    }
    if (turn == null) {
      // no secretary: the fixed text joins the conversation as said by none
      turn = turns.open(envelope.id(), user, null, chatId);
    }
    turn.remember(HistoryMessage.assistant(message));
    outbox.notify(envelope, chatId, message);
  }
}
