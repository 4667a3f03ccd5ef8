package org.smartassistant.testsupport.fakes.google;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * The HTTP plumbing of {@link FakeGoogle}: a JDK {@link HttpServer} on 127.0.0.1 with a small pool
 * of daemon threads, request bodies inflated when the Google client gzipped them, and complete
 * answers.
 */
final class GoogleHttpServer {

  private static final int THREADS = 4;

  private final int requestedPort;
  private final HttpHandler handler;
  private HttpServer server;
  private ExecutorService executor;

  GoogleHttpServer(int requestedPort, HttpHandler handler) {
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
                Thread thread = new Thread(runnable, "fake-google-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              });
      created.setExecutor(executor);
      created.createContext("/", this::handleSafely);
      created.start();
      server = created;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the Google fake", e);
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
      throw new IllegalStateException("the Google fake is not started");
    }
    return server.getAddress().getPort();
  }

  private void handleSafely(HttpExchange exchange) throws IOException {
    try {
      handler.handle(exchange);
    } catch (RuntimeException | IOException e) {
      // a bug in the fake must show up as a 500 in the client, not as a hanging request
      respond(exchange, 500, "text/plain", ("fake failed: " + e).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The request body, inflated when the client sent it with {@code Content-Encoding: gzip}. */
  static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] raw = in.readAllBytes();
      String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
      if (encoding != null
          && encoding.toLowerCase(Locale.ROOT).contains("gzip")
          && raw.length > 0) {
        try (InputStream gzip = new GZIPInputStream(new ByteArrayInputStream(raw))) {
          return gzip.readAllBytes();
        }
      }
      return raw;
    }
  }

  /** {@code a=1&b=2} (a query string or a form body) as an ordered map; the first value wins. */
  static Map<String, String> parseForm(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
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

  static void respond(HttpExchange exchange, int status, String contentType, byte[] body) {
    respond(exchange, status, contentType, body, Map.of());
  }

  /** Writes a complete answer; a client that went away meanwhile is not an error of the fake. */
  static void respond(
      HttpExchange exchange,
      int status,
      String contentType,
      byte[] body,
      Map<String, String> headers) {
    try (exchange) {
      headers.forEach((header, value) -> exchange.getResponseHeaders().set(header, value));
      if (contentType != null) {
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
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
