package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link FakeOpenAi} sends back, in OpenAI's shapes: chat completions as plain JSON or
 * server-sent events, errors with their retry headers, the model list.
 */
final class OpenAiResponses {

  private static final List<String> MODELS =
      List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini");

  private final FakeHttpServer http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final AtomicLong ids = new AtomicLong();
  private final OpenAiEvents events = new OpenAiEvents(json);

  OpenAiResponses(FakeHttpServer http) {
    this.http = http;
  }

  /**
   * Sends the answer after {@code delay}: an error, a completion (JSON or events, as asked), or
   * nothing at all for a hang, which is cut once its time is over.
   */
  void deliver(
      HttpExchange exchange,
      OpenAiRequest request,
      JsonNode root,
      OpenAiAnswer answer,
      Duration delay) {
    if (answer.kind() == OpenAiAnswer.Kind.HANG) {
      http.later(delay.plus(answer.hangFor()), () -> FakeHttpServer.abort(exchange));
      return;
    }
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-request-id", "req_" + ids.incrementAndGet());
    byte[] body;
    int status;
    if (answer.kind() == OpenAiAnswer.Kind.ERROR) {
      status = answer.status();
      body = error(status, answer.errorType(), answer.errorCode(), answer.text());
      if (answer.retryAfter() != null) {
        long millis = answer.retryAfter().toMillis();
        headers.put("Retry-After", Long.toString((millis + 999) / 1000));
        headers.put("retry-after-ms", Long.toString(millis));
      }
    } else {
      status = 200;
      String id = "chatcmpl-fake" + ids.incrementAndGet();
      List<OpenAiToolCall> calls = new ArrayList<>();
      for (OpenAiToolCall call : answer.toolCalls()) {
        calls.add(
            call.id() != null
                ? call
                : new OpenAiToolCall(
                    "call_fake" + ids.incrementAndGet(), call.name(), call.arguments()));
      }
      if (request.stream()) {
        headers.put("Content-Type", "text/event-stream");
        boolean usage = root.path("stream_options").path("include_usage").asBoolean(false);
        List<String> chunks =
            events.events(
                id,
                modelOf(request),
                answer.text(),
                calls,
                usage ? usage(request, answer, calls) : null);
        if (!answer.chunkDelay().isZero()) {
          http.later(
              delay,
              () -> OpenAiEvents.stream(http, exchange, headers, chunks, answer.chunkDelay()));
          return;
        }
        body = OpenAiEvents.body(chunks);
      } else {
        // a model that writes slowly answers a plain request when it is done
        delay = delay.plus(answer.chunkDelay().multipliedBy(piecesOf(answer, calls)));
        body = json.writeValueAsBytes(completion(id, request, answer, calls));
      }
    }
    if (delay.isZero() || delay.isNegative()) {
      FakeHttpServer.respond(exchange, status, headers, body);
    } else {
      byte[] ready = body;
      http.later(delay, () -> FakeHttpServer.respond(exchange, status, headers, ready));
    }
  }

  private ObjectNode completion(
      String id, OpenAiRequest request, OpenAiAnswer answer, List<OpenAiToolCall> calls) {
    String text = answer.text();
    ObjectNode completion = nodes.objectNode();
    completion.put("id", id);
    completion.put("object", "chat.completion");
    completion.put("created", Instant.now().getEpochSecond());
    completion.put("model", modelOf(request));
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (calls.isEmpty() || text != null) {
      message.put("content", text);
    }
    if (!calls.isEmpty()) {
      if (text == null) {
        message.putNull("content");
      }
      ArrayNode toolCalls = message.putArray("tool_calls");
      for (OpenAiToolCall call : calls) {
        ObjectNode toolCall = toolCalls.addObject();
        toolCall.put("id", call.id());
        toolCall.put("type", "function");
        ObjectNode function = toolCall.putObject("function");
        function.put("name", call.name());
        function.put("arguments", call.arguments());
      }
    }
    message.putNull("refusal");
    message.putArray("annotations");
    choice.putNull("logprobs");
    choice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
    completion.set("usage", usage(request, answer, calls));
    completion.put("service_tier", "default");
    completion.put("system_fingerprint", "fp_fake");
    return completion;
  }

  /**
   * The answer's own token counts, else rough ones (four characters a token), enough for clients
   * that read usage.
   */
  private ObjectNode usage(OpenAiRequest request, OpenAiAnswer answer, List<OpenAiToolCall> calls) {
    if (answer.usage() != null) {
      return usage(answer.usage().promptTokens(), answer.usage().completionTokens());
    }
    String text = answer.text();
    long promptChars = 0;
    for (OpenAiMessage message : request.messages()) {
      promptChars += message.content() == null ? 0 : message.content().length();
    }
    long completionChars = text == null ? 0 : text.length();
    for (OpenAiToolCall call : calls) {
      completionChars +=
          call.name().length() + (call.arguments() == null ? 0 : call.arguments().length());
    }
    return usage(promptChars / 4 + 1, completionChars / 4 + 1);
  }

  private ObjectNode usage(long prompt, long completion) {
    ObjectNode usage = nodes.objectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    return usage;
  }

  /** An OpenAI error body. */
  byte[] error(int status, String type, String code, String message) {
    ObjectNode body = nodes.objectNode();
    ObjectNode error = body.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.putNull("param");
    if (code == null) {
      error.putNull("code");
    } else {
      error.put("code", code);
    }
    return json.writeValueAsBytes(body);
  }

  /** The {@code GET /v1/models} body. */
  byte[] models() {
    return json.writeValueAsBytes(modelList());
  }

  /** The {@code GET /v1/models/<id>} body. */
  byte[] model(String id) {
    return json.writeValueAsBytes(modelNode(id));
  }

  private ObjectNode modelList() {
    ObjectNode list = nodes.objectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String id : MODELS) {
      data.add(modelNode(id));
    }
    return list;
  }

  private ObjectNode modelNode(String id) {
    ObjectNode model = nodes.objectNode();
    model.put("id", id);
    model.put("object", "model");
    model.put("created", 1_700_000_000L);
    model.put("owned_by", "system");
    return model;
  }

  private static int piecesOf(OpenAiAnswer answer, List<OpenAiToolCall> calls) {
    int words = answer.text() == null ? 0 : answer.text().split("(?<= )").length;
    return words + 3 * calls.size();
  }

  private static String modelOf(OpenAiRequest request) {
    return request.model() == null ? "gpt-4o-mini" : request.model();
  }
}
