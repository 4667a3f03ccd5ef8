package org.smartassistant.tgbot.relay;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.PublishResult;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.springframework.stereotype.Component;

/**
 * Relays what users say to the assistant: {@code user_message} and {@code conversation_reset}
 * envelopes written to {@code assistant:inbox} (which the assistant reads). An envelope's id and
 * idempotency key come from the Telegram update, so an update delivered again (its confirmation was
 * lost in a restart) adds no second entry and the assistant does not answer twice.
 */
@Component
public class AssistantRelay {

  /** The envelope's {@code source}. */
  public static final String SOURCE = "telegram";

  private final EnvelopePublisher publisher;
  private final Clock clock;
  private final String botId;

  AssistantRelay(EnvelopePublisher publisher, Clock clock, TelegramProperties properties) {
    this.publisher = publisher;
    this.clock = clock;
    this.botId = properties.botId();
  }

  /** A text of the user, for the assistant to answer. */
  public PublishResult userMessage(Source source, String text) {
    return publish(source, EnvelopeType.USER_MESSAGE, text);
  }

  /**
   * A file of the user (voice note, audio, photo, document) named by {@code fileAttrs}, with its
   * caption (or null), for the assistant to fetch and answer.
   */
  public PublishResult userMessage(Source source, String caption, Map<String, String> fileAttrs) {
    return publish(source, EnvelopeType.USER_MESSAGE, caption, fileAttrs);
  }

  /** The user asked to forget the conversation. */
  public PublishResult conversationReset(Source source) {
    return publish(source, EnvelopeType.CONVERSATION_RESET, null);
  }

  /**
   * A text said to the bot in a group chat ({@code chatType} {@code group} or {@code supergroup}):
   * the source's user is the group's conversation, its Telegram user the member who spoke.
   */
  public PublishResult groupMessage(Source source, String chatType, String text) {
    return publish(source, EnvelopeType.USER_MESSAGE, text, chatType(chatType));
  }

  /** A member asked to forget the group's conversation. */
  public PublishResult groupReset(Source source, String chatType) {
    return publish(source, EnvelopeType.CONVERSATION_RESET, null, chatType(chatType));
  }

  private PublishResult publish(Source source, EnvelopeType type, String text) {
    return publish(source, type, text, Map.of());
  }

  private static Map<String, String> chatType(String chatType) {
    return Map.of(EnvelopeAttribute.TELEGRAM_CHAT_TYPE.wireName(), chatType);
  }

  private PublishResult publish(
      Source source, EnvelopeType type, String text, Map<String, String> extraAttrs) {
    String key = "telegram:" + botId + ":update:" + source.updateId();
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(
        EnvelopeAttribute.TELEGRAM_USER_ID.wireName(), Long.toString(source.telegramUserId()));
    if (source.messageId() != null) {
      attrs.put(EnvelopeAttribute.TELEGRAM_MESSAGE_ID.wireName(), source.messageId().toString());
    }
    attrs.putAll(extraAttrs);
    Envelope envelope =
        new Envelope(
            UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
            type,
            source.userId(),
            source.chatId(),
            text,
            SOURCE,
            clock.instant(),
            null, // the publisher writes the current trace (the update's) into it
            attrs);
    return publisher.publish(envelope, key);
  }

  /**
   * Where an envelope comes from.
   *
   * @param updateId the Telegram update that carried it
   * @param userId the rest-service user id
   * @param telegramUserId the Telegram user id
   * @param chatId the Telegram chat to answer in
   * @param messageId the Telegram message id, or null
   */
  public record Source(
      int updateId, long userId, long telegramUserId, long chatId, Integer messageId) {}
}
