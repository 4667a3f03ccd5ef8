package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local OpenAI-compatible chat-completions API ({@code POST /v1/chat/completions}, plain JSON or
 * server-sent events, and {@code GET /v1/models}) that records every request and answers as the
 * test scripted: texts, tool calls, OpenAI errors, delays.
 *
 * <p>The answer to a request is, in this order: the next {@linkplain #enqueue queued} answer; else
 * what the {@linkplain #respondWith responder} returns (null: no opinion); else the {@linkplain
 * #setDefaultAnswer default answer}, which at first echoes the last user text as {@code "You said:
 * <text>"}.
 */
public final class FakeOpenAi implements AutoCloseable {

  private static final List<String> MODELS =
      List.of("gpt-4o-mini", "gpt-4o", "gpt-4.1-mini", "gpt-4.1", "o4-mini");

  private final FakeHttpServer http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder received = new LongAdder();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();

  // guarded by lock
  private final List<OpenAiRequest> requests = new ArrayList<>();
  private final Deque<OpenAiAnswer> script = new ArrayDeque<>();
  private Function<OpenAiRequest, OpenAiAnswer> responder;
  private OpenAiAnswer defaultAnswer;
  private Duration latency = Duration.ZERO;
  private boolean recording = true;

  /** A fake on a free port; call {@link #start()}. */
  public FakeOpenAi() {
    this(0);
  }

  /** A fake on the given port (0 for a free one); call {@link #start()}. */
  public FakeOpenAi(int port) {
    this.http = new FakeHttpServer("fake-openai", port, this::handle);
  }

  /** Starts listening on 127.0.0.1; returns this for {@code try (var llm = new ...().start())}. */
  public FakeOpenAi start() {
    http.start();
    return this;
  }

  @Override
  public void close() {
    http.stop();
  }

  /** {@code http://127.0.0.1:<port>}, without {@code /v1}. */
  public String baseUrl() {
    return http.baseUrl();
  }

  /**
   * {@code http://127.0.0.1:<port>/v1}: what {@code spring.ai.openai.base-url} needs, since the
   * openai-java SDK appends {@code chat/completions} directly.
   */
  public String apiUrl() {
    return baseUrl() + "/v1";
  }

  /** Forgets requests, queued answers, the responder, the default answer and the latency. */
  public void reset() {
    lock.lock();
    try {
      requests.clear();
      script.clear();
      responder = null;
      defaultAnswer = null;
      latency = Duration.ZERO;
      recording = true;
      received.reset();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- scripting

  /** Answers for the next requests, in order, before the responder and the default. */
  public FakeOpenAi enqueue(OpenAiAnswer... answers) {
    lock.lock();
    try {
      script.addAll(List.of(answers));
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Decides answers from the request (e.g. by {@link OpenAiRequest#systemPrompt()} to tell a
   * secretary from a sub-assistant); returning null falls through to the default answer.
   */
  public FakeOpenAi respondWith(Function<OpenAiRequest, OpenAiAnswer> responder) {
    lock.lock();
    try {
      this.responder = responder;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** The answer when nothing is queued and the responder has no opinion. */
  public FakeOpenAi setDefaultAnswer(OpenAiAnswer answer) {
    lock.lock();
    try {
      defaultAnswer = answer;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** A delay before every answer (an answer's own latency is added). */
  public FakeOpenAi setLatency(Duration delay) {
    lock.lock();
    try {
      latency = delay;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** With {@code false}, requests are only counted, not kept: for long benchmark runs. */
  public FakeOpenAi setRecording(boolean record) {
    lock.lock();
    try {
      recording = record;
    } finally {
      lock.unlock();
    }
    return this;
  }

  // ---------------------------------------------------------------- queries

  /** The chat-completions requests received, in order. */
  public List<OpenAiRequest> requests() {
    lock.lock();
    try {
      return List.copyOf(requests);
    } finally {
      lock.unlock();
    }
  }

  /** The latest request; fails when there was none. */
  public OpenAiRequest lastRequest() {
    lock.lock();
    try {
      if (requests.isEmpty()) {
        throw new AssertionError("the fake OpenAI API has received no chat-completions request");
      }
      return requests.get(requests.size() - 1);
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code count} requests arrived and returns them all. */
  public List<OpenAiRequest> awaitRequests(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (requests.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          StringBuilder seen = new StringBuilder();
          for (OpenAiRequest request : requests) {
            seen.append("\n  ").append(request.describe());
          }
          throw new AssertionError(
              "expected "
                  + count
                  + " chat-completions request(s) within "
                  + timeout
                  + ", got "
                  + requests.size()
                  + (requests.isEmpty() ? "" : ":" + seen));
        }
        arrived.awaitNanos(left);
      }
      return List.copyOf(requests);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for requests", e);
    } finally {
      lock.unlock();
    }
  }

  /** How many chat-completions requests arrived, also with recording off. */
  public long requestCount() {
    return received.sum();
  }

  /** Queued answers not used yet. */
  public int pendingAnswers() {
    lock.lock();
    try {
      return script.size();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    Instant receivedAt = Instant.now();
    String path = exchange.getRequestURI().getPath();
    String verb = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    byte[] body = FakeHttpServer.readBody(exchange);
    if (verb.equals("POST") && path.endsWith("/chat/completions")) {
      chatCompletion(exchange, body, receivedAt);
    } else if (verb.equals("GET") && path.endsWith("/models")) {
      FakeHttpServer.respond(exchange, 200, Map.of(), json.writeValueAsBytes(models()));
    } else if (verb.equals("GET") && path.contains("/models/")) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      FakeHttpServer.respond(exchange, 200, Map.of(), json.writeValueAsBytes(model(id)));
    } else {
      FakeHttpServer.respond(
          exchange,
          404,
          Map.of(),
          errorBody(
              404, "invalid_request_error", null, "Unknown request URL: " + verb + " " + path));
    }
  }

  private void chatCompletion(HttpExchange exchange, byte[] body, Instant receivedAt) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (JacksonException e) {
      root = null;
    }
    if (!(root instanceof ObjectNode) || !root.path("messages").isArray()) {
      FakeHttpServer.respond(
          exchange,
          400,
          Map.of(),
          errorBody(400, "invalid_request_error", null, "We could not parse the JSON body."));
      return;
    }
    OpenAiRequest request = parse(root, exchange, body, receivedAt);
    received.increment();
    OpenAiAnswer answer;
    Function<OpenAiRequest, OpenAiAnswer> decide;
    Duration delay;
    lock.lock();
    try {
      if (recording) {
        requests.add(request);
      }
      arrived.signalAll();
      answer = script.poll();
      decide = responder;
      delay = latency;
      if (answer == null && decide == null) {
        answer = defaultAnswer;
      }
    } finally {
      lock.unlock();
    }
    if (answer == null && decide != null) {
      // the responder runs outside the lock: it may look at the fake itself
      answer = decide.apply(request);
      if (answer == null) {
        lock.lock();
        try {
          answer = defaultAnswer;
        } finally {
          lock.unlock();
        }
      }
    }
    if (answer == null) {
      String said = request.lastUserText();
      answer = OpenAiAnswer.text("You said: " + (said == null ? "" : said));
    }
    deliver(exchange, request, root, answer, delay.plus(answer.latency()));
  }

  private void deliver(
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
      body = errorBody(status, answer.errorType(), answer.errorCode(), answer.text());
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
        body = events(id, request, answer.text(), calls, usage);
      } else {
        body = json.writeValueAsBytes(completion(id, request, answer.text(), calls));
      }
    }
    if (delay.isZero() || delay.isNegative()) {
      FakeHttpServer.respond(exchange, status, headers, body);
    } else {
      byte[] ready = body;
      http.later(delay, () -> FakeHttpServer.respond(exchange, status, headers, ready));
    }
  }

  // ---------------------------------------------------------------- parsing

  private OpenAiRequest parse(
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
              textOrNull(message.get("name"))));
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

  private static String textOrNull(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }

  // ---------------------------------------------------------------- JSON shapes

  private ObjectNode completion(
      String id, OpenAiRequest request, String text, List<OpenAiToolCall> calls) {
    ObjectNode completion = nodes.objectNode();
    completion.put("id", id);
    completion.put("object", "chat.completion");
    completion.put("created", Instant.now().getEpochSecond());
    completion.put("model", modelOf(request));
    ObjectNode choice = completion.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message");
    message.put("role", "assistant");
    if (calls.isEmpty()) {
      message.put("content", text);
    } else {
      message.putNull("content");
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
    completion.set("usage", usage(request, text, calls));
    completion.put("service_tier", "default");
    completion.put("system_fingerprint", "fp_fake");
    return completion;
  }

  /** The same answer as server-sent events: role, content or tool-call deltas, finish, [DONE]. */
  private byte[] events(
      String id, OpenAiRequest request, String text, List<OpenAiToolCall> calls, boolean usage) {
    StringBuilder events = new StringBuilder();
    ObjectNode first = chunk(id, request);
    ObjectNode delta = ((ObjectNode) first.get("choices").get(0)).putObject("delta");
    delta.put("role", "assistant");
    if (calls.isEmpty()) {
      delta.put("content", "");
    } else {
      delta.putNull("content");
    }
    event(events, first);
    if (calls.isEmpty()) {
      // a few pieces, so that clients that join deltas are exercised
      for (String piece : text.split("(?<= )")) {
        ObjectNode chunk = chunk(id, request);
        ((ObjectNode) chunk.get("choices").get(0)).putObject("delta").put("content", piece);
        event(events, chunk);
      }
    } else {
      for (int i = 0; i < calls.size(); i++) {
        OpenAiToolCall call = calls.get(i);
        ObjectNode opening = chunk(id, request);
        ObjectNode toolCall =
            ((ObjectNode) opening.get("choices").get(0))
                .putObject("delta")
                .putArray("tool_calls")
                .addObject();
        toolCall.put("index", i);
        toolCall.put("id", call.id());
        toolCall.put("type", "function");
        toolCall.putObject("function").put("name", call.name()).put("arguments", "");
        event(events, opening);
        ObjectNode arguments = chunk(id, request);
        ObjectNode argumentDelta =
            ((ObjectNode) arguments.get("choices").get(0))
                .putObject("delta")
                .putArray("tool_calls")
                .addObject();
        argumentDelta.put("index", i);
        argumentDelta.putObject("function").put("arguments", call.arguments());
        event(events, arguments);
      }
    }
    ObjectNode last = chunk(id, request);
    ObjectNode lastChoice = (ObjectNode) last.get("choices").get(0);
    lastChoice.putObject("delta");
    lastChoice.put("finish_reason", calls.isEmpty() ? "stop" : "tool_calls");
    event(events, last);
    if (usage) {
      ObjectNode usageChunk = chunk(id, request);
      usageChunk.putArray("choices");
      usageChunk.set("usage", usage(request, text, calls));
      event(events, usageChunk);
    }
    events.append("data: [DONE]\n\n");
    return events.toString().getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode chunk(String id, OpenAiRequest request) {
    ObjectNode chunk = nodes.objectNode();
    chunk.put("id", id);
    chunk.put("object", "chat.completion.chunk");
    chunk.put("created", Instant.now().getEpochSecond());
    chunk.put("model", modelOf(request));
    chunk.put("system_fingerprint", "fp_fake");
    ObjectNode choice = chunk.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putNull("logprobs");
    choice.putNull("finish_reason");
    return chunk;
  }

  private void event(StringBuilder events, JsonNode chunk) {
    events.append("data: ").append(json.writeValueAsString(chunk)).append("\n\n");
  }

  /** Rough token counts (four characters a token), enough for clients that read usage. */
  private ObjectNode usage(OpenAiRequest request, String text, List<OpenAiToolCall> calls) {
    long promptChars = 0;
    for (OpenAiMessage message : request.messages()) {
      promptChars += message.content() == null ? 0 : message.content().length();
    }
    long completionChars = text == null ? 0 : text.length();
    for (OpenAiToolCall call : calls) {
      completionChars +=
          call.name().length() + (call.arguments() == null ? 0 : call.arguments().length());
    }
    long prompt = promptChars / 4 + 1;
    long completion = completionChars / 4 + 1;
    ObjectNode usage = nodes.objectNode();
    usage.put("prompt_tokens", prompt);
    usage.put("completion_tokens", completion);
    usage.put("total_tokens", prompt + completion);
    return usage;
  }

  private byte[] errorBody(int status, String type, String code, String message) {
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

  private ObjectNode models() {
    ObjectNode list = nodes.objectNode();
    list.put("object", "list");
    ArrayNode data = list.putArray("data");
    for (String id : MODELS) {
      data.add(model(id));
    }
    return list;
  }

  private ObjectNode model(String id) {
    ObjectNode model = nodes.objectNode();
    model.put("id", id);
    model.put("object", "model");
    model.put("created", 1_700_000_000L);
    model.put("owned_by", "system");
    return model;
  }

  private static String modelOf(OpenAiRequest request) {
    return request.model() == null ? "gpt-4o-mini" : request.model();
  }
}
