package org.smartassistant.assistant.tools;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.ai.chat.model.ToolContext;

/**
 * The user a tool acts for, as the tool reads it from Spring AI's {@link ToolContext}: set by the
 * assistant for every message from the envelope and rest-service, never taken from the model's
 * arguments, so no prompt can make a tool act for someone else.
 *
 * @param userId the user's id in rest-service
 * @param chatId the Telegram chat the conversation is in
 * @param zone the user's time zone
 * @param assistantId the assistant the user is talking to
 */
public record ToolUser(long userId, long chatId, ZoneId zone, UUID assistantId) {

  static final String USER_ID = "userId";
  static final String CHAT_ID = "chatId";
  static final String TIMEZONE = "timezone";
  static final String ASSISTANT_ID = "assistantId";

  /**
   * The user of a tool call.
   *
   * @throws IllegalStateException when the context carries no user: a tool must then do nothing
   */
  public static ToolUser from(ToolContext context) {
    Map<String, Object> values = context == null ? Map.of() : context.getContext();
    Object userId = values.get(USER_ID);
    Object chatId = values.get(CHAT_ID);
    Object zone = values.get(TIMEZONE);
    if (!(userId instanceof Long) || !(chatId instanceof Long) || !(zone instanceof String)) {
      throw new IllegalStateException("the tool context carries no user");
    }
    Object assistantId = values.get(ASSISTANT_ID);
    return new ToolUser(
        (Long) userId,
        (Long) chatId,
        ZoneId.of((String) zone),
        assistantId instanceof UUID id ? id : null);
  }

  /**
   * Whether the conversation is a Telegram group chat (group chat ids are negative, a person's
   * private chat ids positive): tools about a person's own things answer only in a private chat.
   */
  public boolean inGroupChat() {
    return chatId < 0;
  }

  /** The context entries that carry this user. */
  Map<String, Object> toContext() {
    Map<String, Object> values = new HashMap<>();
    values.put(USER_ID, userId);
    values.put(CHAT_ID, chatId);
    values.put(TIMEZONE, zone.getId());
    if (assistantId != null) {
      values.put(ASSISTANT_ID, assistantId);
    }
    return values;
  }
}
