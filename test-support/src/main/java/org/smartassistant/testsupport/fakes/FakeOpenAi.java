package org.smartassistant.testsupport.fakes;

import static java.util.stream.Collectors.joining;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A local OpenAI-compatible chat-completions API ({@code POST /v1/chat/completions}, plain JSON or
 * server-sent events, {@code GET /v1/models}, {@code POST /v1/audio/transcriptions}) that records
 * every request and answers as the test scripted: texts, tool calls, OpenAI errors, delays.
 *
 * <p>The answer to a request is, in this order: the next {@linkplain #enqueue queued} answer; else
 * what the {@linkplain #respondWith responder} returns (null: no opinion); else the {@linkplain
 * #setDefaultAnswer default answer}, which at first echoes the last user text as {@code "You said:
 * <text>"}.
 */
public final class FakeOpenAi implements AutoCloseable {

  private final FakeHttpServer http;
  private final OpenAiResponses responses;
  private final OpenAiTranscriptions transcriptions = new OpenAiTranscriptions();
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
    this.responses = new OpenAiResponses(http);
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
      transcriptions.reset();
    } finally {
      lock.unlock();
    }
  }

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

  public OpenAiTranscriptions transcriptions() { // POST /v1/audio/transcriptions
    return transcriptions;
  }

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
          String seen = requests.stream().map(r -> "\n  " + r.describe()).collect(joining());
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

  private void handle(HttpExchange exchange) throws IOException {
    Instant receivedAt = Instant.now();
    String path = exchange.getRequestURI().getPath();
    String verb = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    byte[] body = FakeHttpServer.readBody(exchange);
    if (verb.equals("POST") && path.endsWith("/chat/completions")) {
      chatCompletion(exchange, body, receivedAt);
    } else if (verb.equals("POST") && path.endsWith("/audio/transcriptions")) {
      transcriptions.handle(exchange, body);
    } else if (verb.equals("GET") && path.endsWith("/models")) {
      FakeHttpServer.respond(exchange, 200, Map.of(), responses.models());
    } else if (verb.equals("GET") && path.contains("/models/")) {
      String id = path.substring(path.lastIndexOf('/') + 1);
      FakeHttpServer.respond(exchange, 200, Map.of(), responses.model(id));
    } else {
      String unknown = "Unknown request URL: " + verb + " " + path;
      byte[] error = responses.error(404, "invalid_request_error", null, unknown);
      FakeHttpServer.respond(exchange, 404, Map.of(), error);
    }
  }

  private void chatCompletion(HttpExchange exchange, byte[] body, Instant receivedAt) {
    JsonNode root = OpenAiRequests.readBody(body);
    if (root == null) {
      FakeHttpServer.respond(
          exchange,
          400,
          Map.of(),
          responses.error(400, "invalid_request_error", null, "We could not parse the JSON body."));
      return;
    }
    OpenAiRequest request = OpenAiRequests.parse(root, exchange, body, receivedAt);
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
    responses.deliver(exchange, request, root, answer, delay.plus(answer.latency()));
  }
}
