package org.smartassistant.assistant.outbox;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.KeptValue;
import org.smartassistant.common.stream.PublishResult;
import org.springframework.stereotype.Component;

/**
 * Writes the assistant's answers to {@code assistant:outbox}. Every answer is published with the
 * idempotency key {@code reply:<inbox envelope id>} (unless it names a key of its own): one inbox
 * envelope gets at most one answer, whether it is handled again after a crash or given up on after
 * a reply already went out.
 */
@Component
public class Outbox {

  static final String SOURCE = "assistant";

  private final EnvelopePublisher publisher;
  private final Clock clock;

  Outbox(EnvelopePublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /**
   * Where an answer goes: the envelope's chat, else the user's private chat (their Telegram id).
   *
   * @param user the user, or null when unknown
   * @throws IllegalArgumentException when neither is known
   */
  public static long chatOf(Envelope inbox, UserDto user) {
    if (inbox.chatId() != null) {
      return inbox.chatId();
    }
    if (user != null && user.telegramId() != null) {
      return user.telegramId();
    }
    throw new IllegalArgumentException(
        "envelope " + inbox.id() + " has no chat and user " + inbox.userId() + " no Telegram id");
  }

  /** The model's answer (Markdown) to an inbox envelope. */
  public void reply(Envelope inbox, long chatId, String markdown) {
    reply(inbox, chatId, markdown, null);
  }

  /**
   * As {@link #reply(Envelope, long, String)}, with {@code kept} (or null) set in the same step as
   * the reply's entry, and only when the entry is added: e.g. the answer remembered for the inbox
   * envelope ({@link org.smartassistant.assistant.conversation.SecretaryTurn#answerToKeep}).
   */
  public void reply(Envelope inbox, long chatId, String markdown, KeptValue kept) {
    publish(EnvelopeType.REPLY, inbox, chatId, markdown, Map.of(), null, kept);
  }

  /**
   * The text of the reply to an inbox envelope written so far (Markdown, possibly cut anywhere):
   * published without an idempotency key, since a turn run again repeats no drafts.
   */
  public void draft(Envelope inbox, long chatId, String markdown) {
    Map<String, String> attrs = answerAttributes(inbox, chatId, Map.of());
    Envelope draft =
        Envelope.of(EnvelopeType.DRAFT, inbox.userId(), chatId, markdown, SOURCE, clock.instant())
            .withTraceparent(inbox.traceparent())
            .withAttrs(attrs);
    publisher.publish(draft);
  }

  /** Something the user did not ask for just now, e.g. a reminder coming due. */
  public void notify(Envelope inbox, long chatId, String markdown) {
    publish(EnvelopeType.NOTIFICATION, inbox, chatId, markdown, Map.of(), null, null);
  }

  /**
   * A notification with attributes of its own, published with {@code idempotencyKey} (null: the
   * reply key), e.g. one per reminder and scheduled time.
   */
  public PublishResult notify(
      Envelope inbox,
      long chatId,
      String markdown,
      Map<String, String> attrs,
      String idempotencyKey) {
    return publish(EnvelopeType.NOTIFICATION, inbox, chatId, markdown, attrs, idempotencyKey, null);
  }

  /** A short, friendly explanation that something went wrong. */
  public void error(Envelope inbox, long chatId, String text) {
    publish(EnvelopeType.ERROR, inbox, chatId, text, Map.of(), null, null);
  }

  private PublishResult publish(
      EnvelopeType type,
      Envelope inbox,
      long chatId,
      String text,
      Map<String, String> attrs,
      String idempotencyKey,
      KeptValue kept) {
    Map<String, String> all = answerAttributes(inbox, chatId, attrs);
    Envelope answer =
        Envelope.of(type, inbox.userId(), chatId, text, SOURCE, clock.instant())
            .withTraceparent(inbox.traceparent())
            .withAttrs(all);
    return publisher.publish(
        answer, idempotencyKey == null ? idempotencyKey(inbox) : idempotencyKey, kept);
  }

  /** The attributes of every answer to the inbox envelope, with {@code attrs} of its own. */
  private static Map<String, String> answerAttributes(
      Envelope inbox, long chatId, Map<String, String> attrs) {
    Map<String, String> all = new HashMap<>(attrs);
    all.put(EnvelopeAttribute.IN_REPLY_TO.wireName(), inbox.id().toString());
    all.put(EnvelopeAttribute.IN_REPLY_TO_TYPE.wireName(), inbox.type().wireName());
    String asked = inbox.attrs().get(EnvelopeAttribute.TELEGRAM_MESSAGE_ID.wireName());
    if (chatId < 0 && asked != null) {
      // in a group the answer replies to the message that asked (docs/telegram.md)
      all.putIfAbsent(EnvelopeAttribute.TELEGRAM_MESSAGE_ID.wireName(), asked);
    }
    return all;
  }

  /**
   * {@code reply:<inbox envelope id>}; for an envelope replayed from the dead-letter stream {@code
   * reply:<id>:replay:<dead-letter id>}, since the apology sent when it was dead-lettered holds the
   * plain key and would otherwise hold back the answer the replay is for.
   */
  static String idempotencyKey(Envelope inbox) {
    String replayOf = inbox.attrs().get(EnvelopeAttribute.REPLAY_OF.wireName());
    return replayOf == null ? "reply:" + inbox.id() : "reply:" + inbox.id() + ":replay:" + replayOf;
  }
}
