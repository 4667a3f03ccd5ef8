package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A chat completion streamed as OpenAI streams it: server-sent events ({@code data: <chunk>}) of
 * {@code chat.completion.chunk} objects — the role, the text in pieces, each tool call opened with
 * its id and name and its arguments split over several chunks, the finish reason, the usage in a
 * last chunk without choices when the client asked for it ({@code stream_options.include_usage}),
 * then {@code data: [DONE]}; written at once or with a pause between chunks.
 */
final class OpenAiEvents {

  private final JsonMapper json;
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;

  OpenAiEvents(JsonMapper json) {
    this.json = json;
  }

  /**
   * The events of one completion.
   *
   * @param text the text (a preface when there are calls too), or null
   * @param usage the usage object to send last, or null when the client did not ask for it
   */
  List<String> events(
      String id, String model, String text, List<OpenAiToolCall> calls, ObjectNode usage) {
    List<String> events = new ArrayList<>();
    ObjectNode first = chunk(id, model);
    ObjectNode delta = choice(first).putObject("delta");
    delta.put("role", "assistant");
    if (text != null) {
      delta.put("content", "");
    } else {
      delta.putNull("content");
    }
    events.add(event(first));
    if (text != null) {
      // a few pieces, so that clients that join deltas are exercised
      for (String piece : text.split("(?<= )")) {
        ObjectNode chunk = chunk(id, model);
        choice(chunk).putObject("delta").put("content", piece);
        events.add(event(chunk));
      }
    }
    for (int i = 0; i < calls.size(); i++) {
      OpenAiToolCall call = calls.get(i);
      ObjectNode opening = chunk(id, model);
      ObjectNode toolCall = choice(opening).putObject("delta").putArray("tool_calls").addObject();
      toolCall.put("index", i);
      toolCall.put("id", call.id());
      toolCall.put("type", "function");
      toolCall.putObject("function").put("name", call.name()).put("arguments", "");
      events.add(event(opening));
      for (String piece : thirds(call.arguments() == null ? "" : call.arguments())) {
        ObjectNode arguments = chunk(id, model);
        ObjectNode argumentDelta =
            choice(arguments).putObject("delta").putArray("tool_calls").addObject();
        argumentDelta.put("index", i);
        argumentDelta.putObject("function").put("arguments", piece);
        events.add(event(arguments));
      }
    }
    ObjectNode last = chunk(id, model);
    choice(last).putObject("delta");
    choice(last).put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
    events.add(event(last));
    if (usage != null) {
      ObjectNode usageChunk = chunk(id, model);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage);
      events.add(event(usageChunk));
    }
    events.add("data: [DONE]\n\n");
    return events;
  }

  /** All events in one body. */
  static byte[] body(List<String> events) {
    return String.join("", events).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes the events as a chunked response, the first at once and each further one after {@code
   * pause} (on the server's timer, so no request thread waits); a client that went away ends it.
   */
  static void stream(
      FakeHttpServer http,
      HttpExchange exchange,
      Map<String, String> headers,
      List<String> events,
      Duration pause) {
    try {
      headers.forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
      exchange.sendResponseHeaders(200, 0);
    } catch (IOException e) {
      exchange.close();
      return;
    }
    writeFrom(http, exchange, exchange.getResponseBody(), events, 0, pause);
  }

  private static void writeFrom(
      FakeHttpServer http,
      HttpExchange exchange,
      OutputStream out,
      List<String> events,
      int next,
      Duration pause) {
    try {
      out.write(events.get(next).getBytes(StandardCharsets.UTF_8));
      out.flush();
      if (next + 1 == events.size()) {
        out.close();
        exchange.close();
        return;
      }
    } catch (IOException e) {
      exchange.close();
      return;
    }
    if (http.later(pause, () -> writeFrom(http, exchange, out, events, next + 1, pause)) == null) {
      exchange.close();
    }
  }

  private static List<String> thirds(String arguments) {
    if (arguments.length() < 3) {
      return List.of(arguments);
    }
    int third = arguments.length() / 3;
    return List.of(
        arguments.substring(0, third),
        arguments.substring(third, 2 * third),
        arguments.substring(2 * third));
  }

  private ObjectNode chunk(String id, String model) {
    ObjectNode chunk = nodes.objectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", Instant.now().getEpochSecond());
    chunk.put("model", model);
    chunk.put("system_fingerprint", "fp_fake");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return chunk;
  }

  private static ObjectNode choice(ObjectNode chunk) {
    return (ObjectNode) chunk.get("choices").get(0);
  }

  private String event(JsonNode chunk) {
    return "data: " + json.writeValueAsString(chunk) + "\n\n";
  }
}
