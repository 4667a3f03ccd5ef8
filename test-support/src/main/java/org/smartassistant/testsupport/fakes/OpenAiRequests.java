package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a chat-completions request body into the {@link OpenAiRequest} {@link FakeOpenAi} keeps.
 */
final class OpenAiRequests {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private OpenAiRequests() {}

  /** The body as JSON when it is an object with a {@code messages} array; null otherwise. */
  static JsonNode readBody(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      return null;
    }
    return root instanceof ObjectNode && root.path("messages").isArray() ? root : null;
  }

  /** The request as recorded; {@code root} is its JSON body, known to hold messages. */
  static OpenAiRequest parse(
      JsonNode root, HttpExchange exchange, byte[] body, Instant receivedAt) {
    List<OpenAiMessage> messages = new ArrayList<>();
    for (JsonNode message : root.path("messages")) {
      List<OpenAiToolCall> calls = new ArrayList<>();
      for (JsonNode call : message.path("tool_calls")) {
        JsonNode function = call.path("function");
        calls.add(
            new OpenAiToolCall(
                textOrNull(call.get("id")),
                textOrNull(function.get("name")),
                textOrNull(function.get("arguments"))));
      }
      messages.add(
          new OpenAiMessage(
              textOrNull(message.get("role")),
              content(message.get("content")),
              calls,
              textOrNull(message.get("tool_call_id")),
              textOrNull(message.get("name")),
              images(message.get("content"))));
    }
    List<OpenAiTool> tools = new ArrayList<>();
    for (JsonNode tool : root.path("tools")) {
      JsonNode function = tool.has("function") ? tool.get("function") : tool;
      JsonNode parameters = function.get("parameters");
      tools.add(
          new OpenAiTool(
              textOrNull(function.get("name")),
              textOrNull(function.get("description")),
              parameters == null || parameters.isNull() ? null : parameters.toString()));
    }
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String apiKey =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    return new OpenAiRequest(
        textOrNull(root.get("model")),
        messages,
        tools,
        root.path("stream").asBoolean(false),
        apiKey,
        new String(body, StandardCharsets.UTF_8),
        receivedAt);
  }

  /** A content that is a string or an array of parts ({@code {"type":"text","text":...}}). */
  private static String content(JsonNode content) {
    if (content == null || content.isNull()) {
      return null;
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        if (part.isString()) {
          text.append(part.stringValue());
        } else if (part.has("text")) {
          text.append(textOrNull(part.get("text")));
        }
      }
      return text.toString();
    }
    return textOrNull(content);
  }

  /**
   * The {@code image_url} parts of a content array ({@code {"type":"image_url","image_url":{"url":
   * ...}}}, a URL or a {@code data:} URL), in order.
   */
  private static List<String> images(JsonNode content) {
    List<String> images = new ArrayList<>();
    if (content != null && content.isArray()) {
      for (JsonNode part : content) {
        JsonNode image = part.path("image_url");
        if ("image_url".equals(textOrNull(part.get("type"))) || !image.isMissingNode()) {
          images.add(textOrNull(image.isObject() ? image.get("url") : image));
        }
      }
    }
    return images;
  }

  private static String textOrNull(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }
}
