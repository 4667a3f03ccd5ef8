package org.smartassistant.tgbot.telegram;

/** Telegram answered 5xx or could not be reached for longer than the sender waits: try later. */
public class TelegramUnavailableException extends TelegramDeliveryException {

  TelegramUnavailableException(long chatId, String message, Throwable cause) {
    super(chatId, message, cause);
  }
}
