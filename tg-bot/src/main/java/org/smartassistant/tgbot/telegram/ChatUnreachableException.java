package org.smartassistant.tgbot.telegram;

/**
 * Telegram answered 403: the user blocked the bot (or left the chat, or the account is gone).
 * Sending again does not help until the user writes to the bot again.
 */
public class ChatUnreachableException extends TelegramDeliveryException {

  ChatUnreachableException(long chatId, String description, Throwable cause) {
    super(chatId, "chat " + chatId + " is unreachable: " + description, cause);
  }
}
