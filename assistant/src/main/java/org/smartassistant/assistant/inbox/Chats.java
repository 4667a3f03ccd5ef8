package org.smartassistant.assistant.inbox;

import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;

/** Where an answer goes: the envelope's chat, else the user's private chat (their Telegram id). */
final class Chats {

  private Chats() {}

  static long chatOf(Envelope envelope, UserDto user) {
    if (envelope.chatId() != null) {
      return envelope.chatId();
    }
    if (user != null && user.telegramId() != null) {
      return user.telegramId();
    }
    throw new IllegalArgumentException(
        "envelope "
            + envelope.id()
            + " has no chat and user "
            + envelope.userId()
            + " no Telegram id");
  }
}
