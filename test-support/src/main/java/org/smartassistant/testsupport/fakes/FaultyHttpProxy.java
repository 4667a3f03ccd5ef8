package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An HTTP forwarder between a client and a real service that can lose answers: a request matching
 * an armed fault is forwarded (so the service carries it out) but the client gets a 502 instead of
 * the service's answer, as when a gateway or the network drops the response. Everything else is
 * passed through unchanged. Every request is recorded.
 */
public final class FaultyHttpProxy implements AutoCloseable {

  /** Headers the JDK client sets itself or that belong to one hop only. */
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection");

  private final String target;
  private final FakeHttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final List<Fault> faults = new ArrayList<>();
  private final List<ProxiedRequest> requests = new ArrayList<>();

  /**
   * A proxy on a free port in front of {@code targetBaseUrl} (e.g. {@code http://127.0.0.1:8080}).
   */
  public FaultyHttpProxy(String targetBaseUrl) {
    this.target =
        targetBaseUrl.endsWith("/")
            ? targetBaseUrl.substring(0, targetBaseUrl.length() - 1)
            : targetBaseUrl;
    this.server = new FakeHttpServer("faulty-proxy", 0, this::forward);
    server.start();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * The next {@code times} requests with this method whose path matches are carried out by the
   * service, but their answers are replaced by a 502.
   */
  public synchronized void loseAnswers(String method, Predicate<String> path, int times) {
    faults.add(new Fault(method.toUpperCase(Locale.ROOT), path, times));
  }

  /** Every request seen, in order. */
  public synchronized List<ProxiedRequest> requests() {
    return List.copyOf(requests);
  }

  /** The requests with this method and path. */
  public synchronized List<ProxiedRequest> requests(String method, String path) {
    return requests.stream()
        .filter(r -> r.method().equalsIgnoreCase(method) && r.path().equals(path))
        .toList();
  }

  public synchronized void reset() {
    faults.clear();
    requests.clear();
  }

  @Override
  public void close() {
    server.stop();
  }

  private void forward(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    String path = exchange.getRequestURI().getRawPath();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new LinkedHashMap<>();
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !values.isEmpty()) {
                headers.put(name, values.get(0));
              }
            });
    HttpRequest.Builder upstream =
        HttpRequest.newBuilder(URI.create(target + path + (query == null ? "" : "?" + query)))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(upstream::header);
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(upstream.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      FakeHttpServer.abort(exchange);
      return;
    } catch (IOException e) {
      record(method, path, headers, body, -1, true);
      FakeHttpServer.respond(
          exchange, 502, "text/plain", "upstream unreachable".getBytes(StandardCharsets.UTF_8));
      return;
    }
    boolean lose = takeFault(method, path);
    record(method, path, headers, body, answer.statusCode(), lose);
    if (lose) {
      FakeHttpServer.respond(
          exchange,
          502,
          "application/problem+json",
          "{\"status\":502,\"title\":\"Bad Gateway\",\"detail\":\"the answer was lost\"}"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    Map<String, String> back = new LinkedHashMap<>();
    answer
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))
                  && !name.startsWith(":")
                  && !values.isEmpty()) {
                back.put(name, values.get(0));
              }
            });
    String contentType = back.remove("content-type");
    if (contentType == null) {
      contentType = back.remove("Content-Type");
    }
    FakeHttpServer.respond(exchange, answer.statusCode(), contentType, answer.body(), back);
  }

  private synchronized boolean takeFault(String method, String path) {
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      if (fault.method().equals(method) && fault.path().test(path)) {
        if (fault.times() <= 1) {
          faults.remove(i);
        } else {
          faults.set(i, new Fault(fault.method(), fault.path(), fault.times() - 1));
        }
        return true;
      }
    }
    return false;
  }

  private synchronized void record(
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      int upstreamStatus,
      boolean lost) {
    String key = null;
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase("Idempotency-Key")) {
        key = header.getValue();
      }
    }
    requests.add(
        new ProxiedRequest(
            method, path, key, new String(body, StandardCharsets.UTF_8), upstreamStatus, lost));
  }

  private record Fault(String method, Predicate<String> path, int times) {}

  /**
   * One request through the proxy.
   *
   * @param idempotencyKey its {@code Idempotency-Key} header, or null
   * @param upstreamStatus what the service answered (-1: unreachable)
   * @param answerLost whether the client got a 502 instead
   */
  public record ProxiedRequest(
      String method,
      String path,
      String idempotencyKey,
      String body,
      int upstreamStatus,
      boolean answerLost) {}
}
