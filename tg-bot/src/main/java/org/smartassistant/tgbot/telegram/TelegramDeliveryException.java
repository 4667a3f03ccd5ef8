package org.smartassistant.tgbot.telegram;

/** Telegram did not take a message; the subclass says whether trying again can help. */
public abstract class TelegramDeliveryException extends RuntimeException {

  private final long chatId;

  TelegramDeliveryException(long chatId, String message, Throwable cause) {
    super(message, cause);
    this.chatId = chatId;
  }

  public long chatId() {
    return chatId;
  }
}
