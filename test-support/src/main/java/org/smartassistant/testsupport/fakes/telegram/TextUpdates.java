package org.smartassistant.testsupport.fakes.telegram;

import java.time.Instant;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Text updates, built for the queue or for a webhook post: a private chat's text, and a group
 * chat's as Telegram sends it: a negative chat id of type {@code group} or {@code supergroup},
 * {@code entities} for a leading command ({@code bot_command}) and for every {@code @username}
 * ({@code mention}), and, for a reply, {@code reply_to_message} with the bot's message that is
 * answered. Built under the parts' shared lock as they are queued or posted.
 */
final class TextUpdates {

  private static final Pattern MENTION = Pattern.compile("@[A-Za-z0-9_]{3,32}");

  private final TelegramObjects objects;
  private final TelegramCallLog calls;

  TextUpdates(TelegramObjects objects, TelegramCallLog calls) {
    this.objects = objects;
    this.calls = calls;
  }

  /** A text from the user in their private chat. */
  IntFunction<ObjectNode> privateText(long userId, String text) {
    return updateId -> {
      ObjectNode message = objects.message(userId, userId, null, null);
      message.put("text", text);
      entities(message, text);
      return TelegramObjects.update(updateId, "message", message);
    };
  }

  /**
   * A text from the user in the group; {@code replyTo} is the id of the bot's message it answers
   * (null: none).
   */
  IntFunction<ObjectNode> groupText(
      long chatId, String chatType, long userId, String text, Integer replyTo) {
    if (chatId >= 0) {
      throw new IllegalArgumentException("group chat ids are negative: " + chatId);
    }
    return updateId -> {
      ObjectNode message = objects.message(chatId, userId, null, null);
      ((ObjectNode) message.get("chat")).put("type", chatType);
      message.put("text", text);
      entities(message, text);
      if (replyTo != null) {
        ObjectNode answered = message.putObject("reply_to_message");
        answered.put("message_id", replyTo);
        answered.set("from", objects.botUser());
        answered.set("chat", message.get("chat").deepCopy());
        answered.put("date", Instant.now().getEpochSecond());
        answered.put("text", calls.textOfSent(chatId, replyTo));
      }
      return TelegramObjects.update(updateId, "message", message);
    };
  }

  /** Telegram's entities of a text: a leading command and every {@code @username}. */
  static void entities(ObjectNode message, String text) {
    ArrayNode entities = null;
    if (text.startsWith("/")) {
      int end = text.indexOf(' ');
      entities = message.putArray("entities");
      ObjectNode command = entities.addObject();
      command.put("offset", 0);
      command.put("length", end < 0 ? text.length() : end);
      command.put("type", "bot_command");
    }
    Matcher mention = MENTION.matcher(text);
    while (mention.find()) {
      if (mention.start() > 0 && !Character.isWhitespace(text.charAt(mention.start() - 1))) {
        continue; // part of a word or of a command's @botname
      }
      if (entities == null) {
        entities = message.putArray("entities");
      }
      ObjectNode entity = entities.addObject();
      entity.put("offset", mention.start());
      entity.put("length", mention.end() - mention.start());
      entity.put("type", "mention");
    }
  }
}
