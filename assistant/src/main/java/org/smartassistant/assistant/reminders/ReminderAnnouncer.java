package org.smartassistant.assistant.reminders;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.PublishResult;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Tells the user about a {@code reminder_triggered} from cron-service: the user's secretary says it
 * in its own voice (one model call with its instructions and the conversation so far); when that
 * fails for any reason, the reminder's own text goes out instead, so a reminder is never lost
 * because the model is. A late reminder says it is late, a missed one that it was missed. One
 * message per reminder and scheduled time: the outbox entry carries the idempotency key {@code
 * reminder:<reminderId>:<scheduledFor>}, and the model's words are remembered under it, so a
 * duplicated notice is neither sent nor asked for twice.
 */
@Component
public class ReminderAnnouncer {

  static final String SOURCE = "assistant";

  private static final Logger log = LoggerFactory.getLogger(ReminderAnnouncer.class);

  private final SecretaryResolver secretaries;
  private final ConversationStore conversations;
  private final ConversationProperties conversationProperties;
  private final SystemPrompt systemPrompt;
  private final TurnMemory memory;
  private final AssistantChat chat;
  private final EnvelopePublisher publisher;
  private final Clock clock;

  ReminderAnnouncer(
      SecretaryResolver secretaries,
      ConversationStore conversations,
      ConversationProperties conversationProperties,
      SystemPrompt systemPrompt,
      TurnMemory memory,
      AssistantChat chat,
      EnvelopePublisher publisher,
      Clock clock) {
    this.secretaries = secretaries;
    this.conversations = conversations;
    this.conversationProperties = conversationProperties;
    this.systemPrompt = systemPrompt;
    this.memory = memory;
    this.chat = chat;
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Tells the user about the reminder and publishes the message to the outbox.
   *
   * @return the text published (or, for a duplicated notice, the text it would have been)
   * @throws IllegalArgumentException when the envelope has no chat and the user no Telegram id
   * @throws RuntimeException when the outbox cannot be written (Redis down): the consumer retries
   */
  public String announce(Envelope envelope) {
    ReminderNotice notice = ReminderNotice.of(envelope);
    UUID turn = notice.turnId(envelope.id());
    UserDto user = userOrNull(envelope.userId());
    ZoneId zone = zoneOf(notice, user);
    long chatId = chatOf(envelope, user);

    Spoken spoken = null;
    String text;
    try {
      spoken = speak(envelope, notice, user, zone, turn);
      text = notice.voiced(spoken.words(), zone);
    } catch (RuntimeException e) {
      log.warn(
          "reminder {} of user {} is delivered as written: {}",
          notice.reminderId(),
          envelope.userId(),
          e.toString());
      text = notice.asWritten(zone);
    }
    publish(envelope, notice, chatId, text);
    remember(envelope, user, spoken, turn, text);
    return text;
  }

  /**
   * Delivers the reminder's own text without asking the model, under the same idempotency key: for
   * a notice the consumer gave up on.
   */
  public String deliverAsWritten(Envelope envelope) {
    ReminderNotice notice = ReminderNotice.of(envelope);
    UserDto user = envelope.chatId() == null ? userOrNull(envelope.userId()) : null;
    String text = notice.asWritten(zoneOf(notice, user));
    publish(envelope, notice, chatOf(envelope, user), text);
    return text;
  }

  /** The reminder as delivered without the model, e.g. "⏰ Reminder: call mum". */
  public static String plainText(Envelope envelope) {
    ReminderNotice notice = ReminderNotice.of(envelope);
    return notice.asWritten(notice.zone());
  }

  /** The secretary's words, and what was used to get them. */
  private record Spoken(String words, AssistantDto secretary, Conversation conversation) {}

  private Spoken speak(
      Envelope envelope, ReminderNotice notice, UserDto user, ZoneId zone, UUID turn) {
    if (user == null) {
      throw new IllegalStateException("the user could not be read from rest-service");
    }
    AssistantDto secretary = secretaries.secretaryOf(user.id());
    Conversation conversation = conversations.load(user.id(), window(secretaries.settings()));
    String words =
        memory.answer(
            turn,
            () ->
                chat.call(
                    secretary,
                    systemPrompt.build(secretary, user, zone, conversation.summary()),
                    conversation.toMessages(
                        new UserMessage(notice.instruction(zone, clock.instant()))),
                    List.of(),
                    Map.of()));
    return new Spoken(words, secretary, conversation);
  }

  private void publish(Envelope envelope, ReminderNotice notice, long chatId, String text) {
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(Outbox.IN_REPLY_TO, envelope.id().toString());
    if (notice.reminderId() != null) {
      attrs.put(ReminderNotice.REMINDER_ID, notice.reminderId());
    }
    if (notice.scheduledFor() != null) {
      attrs.put(ReminderNotice.SCHEDULED_FOR, notice.scheduledFor().toString());
    }
    attrs.put(ReminderNotice.STATUS, notice.timing().name().toLowerCase(java.util.Locale.ROOT));
    Envelope message =
        Envelope.of(
                EnvelopeType.NOTIFICATION, envelope.userId(), chatId, text, SOURCE, clock.instant())
            .withTraceparent(envelope.traceparent())
            .withAttrs(attrs);
    PublishResult result =
        publisher.publish(message, notice.idempotencyKey("reply:" + envelope.id()));
    if (result.duplicate()) {
      log.info(
          "reminder {} for {} was told already; not sent again",
          notice.reminderId(),
          notice.scheduledFor());
    }
  }

  /**
   * The told reminder joins the conversation, so the user can answer it. Best effort: the message
   * is out already, and a history that lacks it is better than a reminder told twice.
   */
  private void remember(Envelope envelope, UserDto user, Spoken spoken, UUID turn, String text) {
    if (user == null) {
      return;
    }
    try {
      memory.once(
          turn,
          "stored",
          () -> {
            Conversation conversation =
                spoken != null
                    ? spoken.conversation()
                    : conversations.load(user.id(), window(secretaries.settings()));
            UUID assistantId = spoken != null ? spoken.secretary().id() : null;
            conversations.append(
                user.id(),
                assistantId,
                conversation,
                List.of(HistoryMessage.assistant(text)),
                turn.toString());
          });
    } catch (RuntimeException e) {
      log.warn(
          "reminder told to user {} (envelope {}) is not in the conversation history: {}",
          user.id(),
          envelope.id(),
          e.toString());
    }
  }

  private UserDto userOrNull(Long userId) {
    if (userId == null) {
      return null;
    }
    try {
      return secretaries.user(userId);
    } catch (RuntimeException e) {
      log.warn("user {} of a reminder could not be read: {}", userId, e.toString());
      return null;
    }
  }

  private static ZoneId zoneOf(ReminderNotice notice, UserDto user) {
    if (user != null && user.timezone() != null) {
      return SystemPrompt.zoneOf(user, notice.zone() == null ? null : notice.zone().getId());
    }
    return notice.zone() != null ? notice.zone() : ZoneOffset.UTC;
  }

  private static long chatOf(Envelope envelope, UserDto user) {
    if (envelope.chatId() != null) {
      return envelope.chatId();
    }
    if (user != null && user.telegramId() != null) {
      return user.telegramId();
    }
    throw new IllegalArgumentException(
        "reminder envelope "
            + envelope.id()
            + " has no chat, and the Telegram id of user "
            + envelope.userId()
            + " is not known");
  }

  private int window(SettingsDto settings) {
    Integer window = settings.historyWindow();
    return window == null || window < 2 ? conversationProperties.defaultWindow() : window;
  }
}
