package org.smartassistant.testsupport.fakes.telegram;

import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The answer to one call and Telegram's envelope around it: {@code {"ok":true,"result":...}}, or
 * {@code {"ok":false,"error_code":...,"description":...}} with {@code parameters.retry_after} for a
 * 429.
 *
 * @param status the HTTP status, also the {@code error_code}; 200 when accepted
 * @param result the {@code result} of an accepted call
 * @param description the error description of a rejected call
 * @param retryAfter the seconds a rate-limited client must wait, or null
 * @param messageId the {@code message_id} of the message a send created, else null
 */
record TelegramAnswer(
    int status, JsonNode result, String description, Integer retryAfter, Integer messageId) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  static TelegramAnswer success(JsonNode result) {
    return new TelegramAnswer(200, result, null, null, null);
  }

  static TelegramAnswer badRequest(String reason) {
    return new TelegramAnswer(400, null, "Bad Request: " + reason, null, null);
  }

  static TelegramAnswer rejected(int status, String description) {
    return new TelegramAnswer(status, null, description, null, null);
  }

  /** The body on the wire. */
  byte[] body() {
    return status == 200 ? ok(result) : errorBody(status, description, retryAfter);
  }

  static byte[] ok(JsonNode result) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("ok", true);
    body.set("result", result);
    return JSON.writeValueAsBytes(body);
  }

  /** The answer to getUpdates, from the updates as they were stored (JSON text). */
  static byte[] okUpdates(List<String> updatesJson) {
    return ("{\"ok\":true,\"result\":[" + String.join(",", updatesJson) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] errorBody(int status, String description, Integer retryAfter) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("ok", false);
    body.put("error_code", status);
    body.put("description", description);
    if (retryAfter != null) {
      body.putObject("parameters").put("retry_after", retryAfter);
    }
    return JSON.writeValueAsBytes(body);
  }
}
