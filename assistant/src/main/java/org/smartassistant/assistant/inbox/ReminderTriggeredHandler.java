package org.smartassistant.assistant.inbox;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
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
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Delivers a {@code reminder_triggered} from cron-service: the user's secretary tells the user in
 * its own voice, and when that is not possible (model down, no secretary) the reminder's own text
 * is delivered instead, so a reminder is never lost because the model is. The delivered text joins
 * the conversation, so the user can answer it.
 */
@Component
class ReminderTriggeredHandler {

  /** Attributes set by cron-service (docs/scheduler.md). */
  static final String TEXT = "text";

  static final String SCHEDULED_FOR = "scheduledFor";
  static final String STATUS = "status";
  static final String MISSED = "missed";

  private static final Logger log = LoggerFactory.getLogger(ReminderTriggeredHandler.class);
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEEE d MMMM, HH:mm", Locale.ENGLISH);

  private final SecretaryResolver secretaries;
  private final ConversationStore conversations;
  private final ConversationProperties conversationProperties;
  private final SystemPrompt systemPrompt;
  private final TurnMemory memory;
  private final AssistantChat chat;
  private final Outbox outbox;

  ReminderTriggeredHandler(
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

  void handle(Envelope envelope) {
    long userId = envelope.userId();
    UserDto user = secretaries.user(userId);
    long chatId = Chats.chatOf(envelope, user);
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
                      conversation.toMessages(new UserMessage(notice(envelope, zone))),
                      List.of(),
                      Map.of()));
    } catch (RuntimeException e) {
      log.warn(
          "reminder {} of user {} is delivered as written: {}",
          envelope.attr("reminderId"),
          userId,
          e.getMessage());
      message = plainText(envelope);
    }
    String delivered = message;
    UserDto owner = user;
    AssistantDto assistant = secretary;
    memory.once(
        envelope.id(),
        "stored",
        () ->
            conversations.append(
                owner.id(),
                assistant == null ? null : assistant.id(),
                conversation,
                List.of(HistoryMessage.assistant(delivered))));
    outbox.notify(envelope, chatId, delivered);
  }

  /** What the model is asked to do: not the user's words, hence marked as a notice. */
  static String notice(Envelope envelope, ZoneId zone) {
    StringBuilder notice =
        new StringBuilder("(Automatic notice, not written by the user.) A reminder of the user ");
    notice.append(MISSED.equals(envelope.attr(STATUS)) ? "was missed" : "is due now");
    String when = localTime(envelope.attr(SCHEDULED_FOR), zone);
    if (when != null) {
      notice.append(" (it was set for ").append(when).append(')');
    }
    notice
        .append(": \"")
        .append(reminderText(envelope))
        .append("\". Tell the user about it now, in your own words, in one or two sentences.");
    return notice.toString();
  }

  /** The reminder as delivered without the model. */
  static String plainText(Envelope envelope) {
    return (MISSED.equals(envelope.attr(STATUS)) ? "⏰ Missed reminder: " : "⏰ Reminder: ")
        + reminderText(envelope);
  }

  static String reminderText(Envelope envelope) {
    String text = envelope.attr(TEXT);
    if (text == null || text.isBlank()) {
      text = envelope.text();
    }
    return text == null || text.isBlank() ? "(no text)" : text.strip();
  }

  private static String localTime(String instant, ZoneId zone) {
    if (instant == null) {
      return null;
    }
    try {
      return LOCAL.format(ZonedDateTime.ofInstant(Instant.parse(instant), zone));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
