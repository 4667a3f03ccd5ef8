package org.smartassistant.tgbot.replies;

import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;

/**
 * In a group chat (negative id) an answer is a reply to the message that asked, so the members see
 * whom the bot answers; the assistant carries that message's id over into the outbox envelope. In a
 * private chat an answer is a plain message.
 */
final class GroupReplies {

  private GroupReplies() {}

  /** The Telegram message the envelope's first part replies to, or null. */
  static Integer replyTo(Envelope envelope) {
    if (envelope.chatId() == null || envelope.chatId() >= 0 || envelope.attrs() == null) {
      return null;
    }
    String id = envelope.attrs().get(EnvelopeAttribute.TELEGRAM_MESSAGE_ID.wireName());
    try {
      return id == null ? null : Integer.valueOf(id);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
