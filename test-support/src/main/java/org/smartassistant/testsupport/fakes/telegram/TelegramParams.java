package org.smartassistant.testsupport.fakes.telegram;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a call's parameters as the Bot API accepts them: from the query string and a JSON or form
 * body, a later value replacing an earlier one, numbers and JSON objects also as strings.
 */
final class TelegramParams {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TelegramParams() {}

  /** Parameters from the query string and a JSON or form body, as the Bot API accepts them. */
  static ObjectNode params(HttpExchange exchange, byte[] body) {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      formInto(query, params);
    }
    if (body.length == 0) {
      return params;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String text = new String(body, StandardCharsets.UTF_8);
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded")) {
      formInto(text, params);
    } else if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      multipartInto(text, contentType, params);
    } else {
      try {
        JsonNode parsed = JSON.readTree(text);
        if (parsed instanceof ObjectNode object) {
          params.setAll(object);
        }
      } catch (JacksonException notJson) {
        // multipart and other bodies are not modelled; the call is still recorded
      }
    }
    return params;
  }

  /**
   * The text fields of a multipart body (telegrambots sends setWebhook and file uploads so); file
   * parts are kept as their text too, which no test reads.
   */
  private static void multipartInto(String body, String contentType, ObjectNode params) {
    int at = contentType.indexOf("boundary=");
    if (at < 0) {
      return;
    }
    String boundary = "--" + contentType.substring(at + 9).replace("\"", "").split(";")[0].trim();
    for (String part : body.split(java.util.regex.Pattern.quote(boundary))) {
      int headersEnd = part.indexOf("\r\n\r\n");
      if (headersEnd < 0) {
        continue;
      }
      java.util.regex.Matcher name =
          java.util.regex.Pattern.compile("name=\"([^\"]*)\"")
              .matcher(part.substring(0, headersEnd));
      if (!name.find()) {
        continue;
      }
      String value = part.substring(headersEnd + 4);
      if (value.endsWith("\r\n")) {
        value = value.substring(0, value.length() - 2);
      }
      params.put(name.group(1), value);
    }
  }

  private static void formInto(String form, ObjectNode params) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
  }

  /** A parameter that may arrive as JSON or as a JSON string (form bodies). */
  static JsonNode jsonValue(JsonNode value) {
    if (value.isString()) {
      String text = value.stringValue().trim();
      if (text.startsWith("{") || text.startsWith("[")) {
        try {
          return JSON.readTree(text);
        } catch (JacksonException notJson) {
          return value;
        }
      }
    }
    return value;
  }

  /** The numeric {@code chat_id}, or null when absent or a {@code @username}. */
  static Long chatIdOf(ObjectNode params) {
    JsonNode chatId = params.get("chat_id");
    if (chatId == null || chatId.isNull()) {
      return null;
    }
    if (chatId.isIntegralNumber()) {
      return chatId.asLong();
    }
    try {
      return Long.parseLong(chatId.asString().trim());
    } catch (NumberFormatException username) {
      return null;
    }
  }

  /** A parameter as text (JSON for objects), or null. */
  static String textOf(ObjectNode params, String name) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }

  static long longOf(ObjectNode params, String name, long fallback) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.isNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asString().trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
