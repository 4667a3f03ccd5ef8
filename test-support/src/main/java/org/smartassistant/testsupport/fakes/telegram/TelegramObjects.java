package org.smartassistant.testsupport.fakes.telegram;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Bot API objects in answers and updates: Update, Message, User, Chat, the bot's own User and
 * WebhookInfo. Remembers the names of the users tests pushed (a private chat shows its user's) and
 * numbers the messages; those fields are guarded by the parts' shared {@link TelegramState}, so
 * every method but {@link #botUser()} and {@link #update} runs under its lock.
 */
final class TelegramObjects {

  private static final long BOT_USER_ID = 7000000001L;
  static final String BOT_USERNAME = "smart_assistant_test_bot";

  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  // everything below is guarded by the state's lock
  private final Map<Long, String[]> knownUsers = new HashMap<>();
  private int nextMessageId = 1;

  TelegramObjects(TelegramState state) {
    state.onReset(knownUsers::clear);
  }

  /** The next {@code message_id}; message ids are never reused, also not after a reset. */
  int nextMessageId() {
    return nextMessageId++;
  }

  static ObjectNode update(int updateId, String field, ObjectNode content) {
    ObjectNode update = JsonNodeFactory.instance.objectNode();
    update.put("update_id", updateId);
    update.set(field, content);
    return update;
  }

  /** A new message from a user; null names keep the ones the user had. */
  ObjectNode message(long chatId, long userId, String username, String firstName) {
    ObjectNode message = nodes.objectNode();
    message.put("message_id", nextMessageId++);
    message.set("from", user(userId, username, firstName));
    message.set("chat", chat(chatId, userId));
    message.put("date", Instant.now().getEpochSecond());
    return message;
  }

  ObjectNode user(long userId, String username, String firstName) {
    String[] names =
        knownUsers.computeIfAbsent(userId, id -> new String[] {"user" + id, "User" + id});
    if (username != null) {
      names[0] = username;
    }
    if (firstName != null) {
      names[1] = firstName;
    }
    ObjectNode user = nodes.objectNode();
    user.put("id", userId);
    user.put("is_bot", false);
    user.put("first_name", names[1]);
    user.put("username", names[0]);
    user.put("language_code", "en");
    return user;
  }

  /** A private chat (positive id) named after its user, or a supergroup. */
  ObjectNode chat(long chatId, Long userId) {
    ObjectNode chat = nodes.objectNode();
    chat.put("id", chatId);
    if (chatId > 0) {
      String[] names = knownUsers.get(userId == null ? chatId : userId);
      chat.put("type", "private");
      chat.put("first_name", names == null ? "User" + chatId : names[1]);
      if (names != null) {
        chat.put("username", names[0]);
      }
    } else {
      chat.put("type", "supergroup");
      chat.put("title", "Group " + chatId);
    }
    return chat;
  }

  ObjectNode botUser() {
    ObjectNode bot = nodes.objectNode();
    bot.put("id", BOT_USER_ID);
    bot.put("is_bot", true);
    bot.put("first_name", "Smart Assistant");
    bot.put("username", BOT_USERNAME);
    bot.put("can_join_groups", true);
    bot.put("can_read_all_group_messages", false);
    bot.put("supports_inline_queries", false);
    return bot;
  }

  ObjectNode webhookInfo(int pendingUpdates) {
    ObjectNode info = nodes.objectNode();
    info.put("url", "");
    info.put("has_custom_certificate", false);
    info.put("pending_update_count", pendingUpdates);
    return info;
  }
}
