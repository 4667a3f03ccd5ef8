package org.smartassistant.testsupport.fakes.telegram;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Bot API call the fake received, with the answer it gave.
 *
 * @param method the method name as Telegram documents it ({@code sendMessage}), whatever the case
 *     of the request path
 * @param chatId the numeric {@code chat_id}, or null when absent or a {@code @username}
 * @param text the {@code text} parameter, or null
 * @param parseMode the {@code parse_mode} parameter, or null
 * @param replyMarkup the {@code reply_markup} as JSON, or null
 * @param paramsJson all parameters as one JSON object
 * @param receivedAt when the request arrived
 * @param status the HTTP status (and {@code error_code}) of the answer; 200 when accepted
 * @param description the error description of a rejected call, else null
 * @param messageId the {@code message_id} of the message a send or edit returned, else null
 */
public record TelegramCall(
    String method,
    Long chatId,
    String text,
    String parseMode,
    String replyMarkup,
    String paramsJson,
    Instant receivedAt,
    int status,
    String description,
    Integer messageId) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** Whether Telegram would have accepted the call. */
  public boolean accepted() {
    return status == 200;
  }

  /** All parameters, parsed. */
  public JsonNode params() {
    return JSON.readTree(paramsJson);
  }

  /** One parameter as text (JSON for objects), or null. */
  public String param(String name) {
    JsonNode value = params().get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }
}
