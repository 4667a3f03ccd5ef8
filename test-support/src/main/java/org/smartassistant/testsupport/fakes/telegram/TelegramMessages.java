package org.smartassistant.testsupport.fakes.telegram;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The methods that send or change the bot's messages: sendMessage, sendMessageDraft,
 * editMessageText and editMessageReplyMarkup. Like Telegram, they refuse an empty text, a text
 * longer than {@value FakeTelegramBotApi#MAX_MESSAGE_LENGTH} characters after entity parsing, and
 * HTML that {@link TelegramHtml} cannot parse; Markdown texts are not checked. A draft is refused
 * outside private chats and with a zero {@code draft_id}; an edit that changes neither the text nor
 * the keyboard is refused with Telegram's "message is not modified". Runs under the shared lock.
 */
final class TelegramMessages {

  /** Telegram's answer to an edit that changes nothing. */
  static final String NOT_MODIFIED =
      "message is not modified: specified new message content and reply markup are exactly the"
          + " same as a current content and reply markup of the message";

  private final TelegramObjects objects;

  /** What each message shows now (text and keyboard), by chat and message id. */
  private final Map<String, Shown> shown = new HashMap<>();

  private record Shown(String text, JsonNode markup) {}

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
    JsonNode keyboard = null;
    if (markup != null && TelegramParams.jsonValue(markup).has("inline_keyboard")) {
      keyboard = TelegramParams.jsonValue(markup);
      message.set("reply_markup", keyboard);
    }
    shown.put(key(chatId, messageId), new Shown(text, keyboard));
    return new TelegramAnswer(200, message, null, null, messageId);
  }

  /** A draft streamed to a private chat: checked like a message, nothing is stored. */
  TelegramAnswer sendMessageDraft(ObjectNode params, Long chatId) {
    if (chatId == null) {
      return TelegramAnswer.badRequest("chat not found");
    }
    if (chatId < 0) {
      return TelegramAnswer.badRequest("TEXTDRAFT_PEER_INVALID");
    }
    if (TelegramParams.longOf(params, "draft_id", 0) == 0) {
      return TelegramAnswer.badRequest("DRAFT_ID_INVALID");
    }
    Object checked =
        checkText(
            TelegramParams.textOf(params, "text"), TelegramParams.textOf(params, "parse_mode"));
    if (checked instanceof TelegramAnswer rejection) {
      return rejection;
    }
    return TelegramAnswer.success(JsonNodeFactory.instance.booleanNode(true));
  }

  /** Forgets what the messages show (the fake's reset). */
  void forget() {
    shown.clear();
  }

  private static String key(Long chatId, long messageId) {
    return chatId + ":" + messageId;
  }

  TelegramAnswer editMessageText(ObjectNode params, Long chatId) {
    Object checked =
        checkText(
            TelegramParams.textOf(params, "text"), TelegramParams.textOf(params, "parse_mode"));
    if (checked instanceof TelegramAnswer rejection) {
      return rejection;
    }
    String text = TelegramParams.textOf(params, "text");
    JsonNode markup =
        params.get("reply_markup") == null
            ? null
            : TelegramParams.jsonValue(params.get("reply_markup"));
    String key = key(chatId, TelegramParams.longOf(params, "message_id", 0));
    Shown before = shown.get(key);
    if (before != null && before.text().equals(text) && Objects.equals(before.markup(), markup)) {
      return TelegramAnswer.badRequest(NOT_MODIFIED);
    }
    shown.put(key, new Shown(text, markup));
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
