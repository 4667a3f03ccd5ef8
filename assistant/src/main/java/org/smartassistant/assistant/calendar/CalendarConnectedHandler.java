package org.smartassistant.assistant.calendar;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.conversation.Conversation;
import org.smartassistant.assistant.conversation.ConversationProperties;
import org.smartassistant.assistant.conversation.ConversationStore;
import org.smartassistant.assistant.conversation.HistoryMessage;
import org.smartassistant.assistant.conversation.SystemPrompt;
import org.smartassistant.assistant.conversation.TurnMemory;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Tells the user that their Google Calendar is connected when calendar-service announces it ({@code
 * calendar_connected}): the user's secretary says so in its own voice, and when it cannot (model
 * down, no secretary) a fixed friendly sentence goes out instead, so the confirmation is never
 * lost. What was said joins the conversation, so the user can go on from it ("great, what's on
 * tomorrow?").
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
  private final ConversationStore conversations;
  private final ConversationProperties conversationProperties;
  private final SystemPrompt systemPrompt;
  private final TurnMemory memory;
  private final AssistantChat chat;
  private final Outbox outbox;

  CalendarConnectedHandler(
      SecretaryResolver secretaries,
      ConversationStore conversations,
      ConversationProperties conversationProperties,
      SystemPrompt systemPrompt,
      TurnMemory memory,
      AssistantChat chat,
      Outbox outbox) {
    this.secretaries = secretaries;
    this.conversations = conversations;
    this.conversationProperties = conversationProperties;
    this.systemPrompt = systemPrompt;
    this.memory = memory;
    this.chat = chat;
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
    long chatId = chatOf(envelope, user);
    SettingsDto settings = secretaries.settings();
    ZoneId zone = SystemPrompt.zoneOf(user, settings.defaultTimezone());
    Integer configuredWindow = settings.historyWindow();
    int window =
        configuredWindow == null || configuredWindow < 2
            ? conversationProperties.defaultWindow()
            : configuredWindow;
    Conversation conversation = conversations.load(userId, window);
    AssistantDto secretary = null;
    String message;
    try {
      secretary = secretaries.secretaryOf(userId);
      AssistantDto speaker = secretary;
      message =
          memory.answer(
              envelope.id(),
              () ->
                  chat.call(
                      speaker,
                      systemPrompt.build(speaker, user, zone, conversation.summary()),
                      conversation.toMessages(new UserMessage(NOTICE)),
                      List.of(),
                      Map.of()));
    } catch (RuntimeException e) {
      log.warn(
          "calendar of user {} connected; confirming with the fixed text: {}",
          userId,
          e.getMessage());
      message = CONFIRMATION;
    }
    String said = message;
    AssistantDto speaker = secretary;
    memory.once(
        envelope.id(),
        "stored",
        () ->
            conversations.append(
                userId,
                speaker == null ? null : speaker.id(),
                conversation,
                List.of(HistoryMessage.assistant(said)),
                envelope.id().toString()));
    outbox.notify(envelope, chatId, said);
  }

  private static long chatOf(Envelope envelope, UserDto user) {
    if (envelope.chatId() != null) {
      return envelope.chatId();
    }
    if (user.telegramId() != null) {
      return user.telegramId();
    }
    throw new IllegalArgumentException(
        "calendar of user " + user.id() + " connected, but the user has no Telegram chat");
  }
}
