package org.smartassistant.testsupport.fakes.websearch;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the fake search engines share: the HTTP server, the pages registered per query (a query
 * matches case-insensitively after trimming; any other query finds nothing), an outage, a latency,
 * and the record of every request. Each fake writes its provider's request checks and answers.
 */
public abstract class FakeSearchEngine implements AutoCloseable {

  /** A status and body to send. */
  protected record Answer(int status, String contentType, byte[] body) {

    static Answer json(int status, ObjectNode body) {
      return new Answer(status, "application/json", JSON.writeValueAsBytes(body));
    }
  }

  protected static final JsonMapper JSON = JsonMapper.builder().build();

  private final FakeHttpServer http;

  // guarded by this
  private final Map<String, List<WebPage>> pages = new HashMap<>();
  private final List<WebSearchRequest> requests = new ArrayList<>();
  private int outageStatus;
  private Duration latency = Duration.ZERO;

  protected FakeSearchEngine(String name) {
    this.http = new FakeHttpServer(name, 0, this::handle);
  }

  protected void startServer() {
    http.start();
  }

  @Override
  public void close() {
    http.stop();
  }

  /** {@code http://127.0.0.1:<port>}: the provider's base URL ({@code WEB_SEARCH_URL}). */
  public String baseUrl() {
    return http.baseUrl();
  }

  /** The pages a query finds, best first; replaces what the query found before. */
  public synchronized void addResults(String query, WebPage... found) {
    pages.put(key(query), List.of(found));
  }

  /** Every request answers with this status (e.g. 502, 503) until {@link #endOutage()}. */
  public synchronized void startOutage(int status) {
    outageStatus = status;
  }

  public synchronized void endOutage() {
    outageStatus = 0;
  }

  /** A delay before every answer, to run a client into its read timeout. */
  public synchronized void setLatency(Duration delay) {
    latency = delay;
  }

  /** Forgets pages, requests, the outage and the latency. */
  public synchronized void reset() {
    pages.clear();
    requests.clear();
    outageStatus = 0;
    latency = Duration.ZERO;
  }

  /** Every request received, in order. */
  public synchronized List<WebSearchRequest> requests() {
    return List.copyOf(requests);
  }

  /** The latest request; fails when there was none. */
  public synchronized WebSearchRequest lastRequest() {
    if (requests.isEmpty()) {
      throw new AssertionError(getClass().getSimpleName() + " has received no request");
    }
    return requests.get(requests.size() - 1);
  }

  /** The pages registered for the query, at most {@code count}; empty when none. */
  protected synchronized List<WebPage> pagesFor(String query, int count) {
    return pages.getOrDefault(key(query), List.of()).stream().limit(count).toList();
  }

  /** The provider's answer to a request that passed the outage check. */
  protected abstract Answer answer(
      String method,
      String path,
      Map<String, String> params,
      Map<String, String> headers,
      String body);

  /** The provider's answer while it is down. */
  protected Answer outage(int status) {
    return new Answer(
        status, "text/html", ("<html><body><h1>" + status + "</h1></body></html>").getBytes());
  }

  private void handle(HttpExchange exchange) {
    Duration delay;
    int outage;
    synchronized (this) {
      delay = latency;
      outage = outageStatus;
    }
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    Map<String, String> params = FakeHttpServer.parseForm(exchange.getRequestURI().getRawQuery());
    Map<String, String> headers = new HashMap<>();
    exchange
        .getRequestHeaders()
        .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
    String body;
    try {
      body = new String(FakeHttpServer.readBody(exchange), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Answer answer = outage != 0 ? outage(outage) : answer(method, path, params, headers, body);
    synchronized (this) {
      requests.add(new WebSearchRequest(method, path, params, headers, body, answer.status()));
    }
    FakeHttpServer.respond(exchange, answer.status(), answer.contentType(), answer.body());
  }

  private static String key(String query) {
    return query == null ? "" : query.trim().toLowerCase(Locale.ROOT);
  }
}
