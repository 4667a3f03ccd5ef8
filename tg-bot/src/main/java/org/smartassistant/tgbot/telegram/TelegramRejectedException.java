package org.smartassistant.tgbot.telegram;

/** Telegram refused the message with a 4xx other than 403 and 429: sending it again is futile. */
public class TelegramRejectedException extends TelegramDeliveryException {

  private final int errorCode;

  TelegramRejectedException(long chatId, int errorCode, String description, Throwable cause) {
    super(chatId, "Telegram refused a message to chat " + chatId + ": " + description, cause);
    this.errorCode = errorCode;
  }

  public int errorCode() {
    return errorCode;
  }
}
