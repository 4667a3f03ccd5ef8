package org.smartassistant.testsupport.fakes.telegram;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The methods that send or change the bot's messages: sendMessage, editMessageText and
 * editMessageReplyMarkup. Like Telegram, they refuse an empty text, a text longer than {@value
 * FakeTelegramBotApi#MAX_MESSAGE_LENGTH} characters after entity parsing, and HTML that {@link
 * TelegramHtml} cannot parse; Markdown texts are not checked. Runs under the shared lock.
 */
final class TelegramMessages {

  private final TelegramObjects objects;

  TelegramMessages(TelegramObjects objects) {
    this.objects = objects;
  }

  TelegramAnswer sendMessage(ObjectNode params, Long chatId) {
    if (chatId == null) {
      return TelegramAnswer.badRequest("chat not found");
    }
    String text = TelegramParams.textOf(params, "text");
    Object checked = checkText(text, TelegramParams.textOf(params, "parse_mode"));
    if (checked instanceof TelegramAnswer rejection) {
      return rejection;
    }
    int messageId = objects.nextMessageId();
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    message.put("message_id", messageId);
    message.set("from", objects.botUser());
    message.set("chat", objects.chat(chatId, chatId > 0 ? chatId : null));
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", (String) checked);
    JsonNode markup = params.get("reply_markup");
    if (markup != null && TelegramParams.jsonValue(markup).has("inline_keyboard")) {
      message.set("reply_markup", TelegramParams.jsonValue(markup));
    }
    return new TelegramAnswer(200, message, null, null, messageId);
  }

  TelegramAnswer editMessageText(ObjectNode params, Long chatId) {
    Object checked =
        checkText(
            TelegramParams.textOf(params, "text"), TelegramParams.textOf(params, "parse_mode"));
    if (checked instanceof TelegramAnswer rejection) {
      return rejection;
    }
    return TelegramAnswer.success(editedMessage(params, chatId, (String) checked));
  }

  TelegramAnswer editMessageReplyMarkup(ObjectNode params, Long chatId) {
    return TelegramAnswer.success(editedMessage(params, chatId, null));
  }

  /** The plain text Telegram would store, or the 400 answer it would give. */
  private static Object checkText(String text, String parseMode) {
    if (text == null || text.isBlank()) {
      return TelegramAnswer.badRequest("message text is empty");
    }
    String plain = text;
    if (parseMode != null && parseMode.equalsIgnoreCase("HTML")) {
      TelegramHtml.Parsed parsed = TelegramHtml.parse(text);
      if (parsed.error() != null) {
        return TelegramAnswer.badRequest("can't parse entities: " + parsed.error());
      }
      plain = parsed.text();
      if (plain.isBlank()) {
        return TelegramAnswer.badRequest("message text is empty");
      }
    } else if (parseMode != null
        && !parseMode.equalsIgnoreCase("MarkdownV2")
        && !parseMode.equalsIgnoreCase("Markdown")) {
      return TelegramAnswer.badRequest("unsupported parse_mode");
    }
    if (plain.length() > FakeTelegramBotApi.MAX_MESSAGE_LENGTH) {
      return TelegramAnswer.badRequest("message is too long");
    }
    return plain;
  }

  private ObjectNode editedMessage(ObjectNode params, Long chatId, String text) {
    ObjectNode message = JsonNodeFactory.instance.objectNode();
    message.put("message_id", TelegramParams.longOf(params, "message_id", 0));
    message.set("from", objects.botUser());
    if (chatId != null) {
      message.set("chat", objects.chat(chatId, chatId > 0 ? chatId : null));
    }
    message.put("date", Instant.now().getEpochSecond());
    message.put("edit_date", Instant.now().getEpochSecond());
    if (text != null) {
      message.put("text", text);
    }
    JsonNode markup = params.get("reply_markup");
    if (markup != null) {
      message.set("reply_markup", TelegramParams.jsonValue(markup));
    }
    return message;
  }
}
