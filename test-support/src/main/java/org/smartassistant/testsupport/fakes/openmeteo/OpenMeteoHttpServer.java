package org.smartassistant.testsupport.fakes.openmeteo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP plumbing of {@link FakeOpenMeteo}: a JDK {@link HttpServer} on 127.0.0.1 with a small
 * pool of daemon threads, query strings decoded, complete answers.
 */
final class OpenMeteoHttpServer {

  private static final int THREADS = 4;

  static {
    // without TCP_NODELAY the body segment waits for the client's delayed ACK of the headers
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final int requestedPort;
  private final HttpHandler handler;
  private HttpServer server;
  private ExecutorService executor;

  OpenMeteoHttpServer(int requestedPort, HttpHandler handler) {
    this.requestedPort = requestedPort;
    this.handler = handler;
  }

  synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      HttpServer created =
          HttpServer.create(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
      AtomicInteger counter = new AtomicInteger();
      executor =
          Executors.newFixedThreadPool(
              THREADS,
              runnable -> {
                Thread thread =
                    new Thread(runnable, "fake-open-meteo-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      created.setExecutor(executor);
      created.createContext("/", this::handleSafely);
      created.start();
      server = created;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Open-Meteo fake", e);
    }
  }

  synchronized void stop() {
    if (server == null) {
      return;
    }
    server.stop(0);
    executor.shutdownNow();
    server = null;
  }

  synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the Open-Meteo fake is not started");
    }
    return server.getAddress().getPort();
  }

  private void handleSafely(HttpExchange exchange) throws IOException {
    try {
      handler.handle(exchange);
    } catch (RuntimeException | IOException e) {
      // a bug in the fake must show up as a 500 in the client, not as a hanging request
      respond(exchange, 500, ("fake failed: " + e).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** {@code a=1&b=2} as an ordered map; the first value of a repeated name wins. */
  static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.putIfAbsent(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  /** Writes a complete JSON answer; a client that went away meanwhile is not an error. */
  static void respond(HttpExchange exchange, int status, byte[] body) {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException e) {
      // the client closed the connection (timeout, shutdown): nothing left to answer
    }
  }
}
