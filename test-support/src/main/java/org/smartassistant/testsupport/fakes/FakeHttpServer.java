package org.smartassistant.testsupport.fakes;

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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.smartassistant.common.concurrent.DaemonThreads;

/**
 * The HTTP plumbing shared by all fakes: a JDK {@link HttpServer} on 127.0.0.1 with a small thread
 * pool, and a scheduler that answers exchanges later (latency, long polls) without holding a pool
 * thread while waiting.
 */
public final class FakeHttpServer {

  private static final int THREADS = 8;

  /**
   * The system property naming the address the fakes listen on instead of loopback: the compose
   * check sets the Docker bridge's gateway, so that containers reach the fakes on this machine.
   */
  public static final String ADDRESS_PROPERTY = "smart.fakes.address";

  private final String name;
  private final int requestedPort;
  private final HttpHandler handler;
  private HttpServer server;
  private ThreadPoolExecutor executor;
  private ScheduledThreadPoolExecutor scheduler;

  /** A server named {@code name} (thread names, errors) on the given port (0 for a free one). */
  public FakeHttpServer(String name, int requestedPort, HttpHandler handler) {
    this.name = name;
    this.requestedPort = requestedPort;
    this.handler = handler;
  }

  static {
    // without TCP_NODELAY the body segment waits for the client's delayed ACK of the headers
    // (about 40 ms a request on Linux); read once, when the JDK server first starts
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      HttpServer created = HttpServer.create(new InetSocketAddress(address(), requestedPort), 512);
      executor =
          new ThreadPoolExecutor(
              THREADS,
              THREADS,
              60,
              TimeUnit.SECONDS,
              new LinkedBlockingQueue<>(),
              DaemonThreads.named(name + "-http"));
      scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named(name + "-timer"));
      scheduler.setRemoveOnCancelPolicy(true);
      created.setExecutor(executor);
      created.createContext("/", this::handleSafely);
      created.start();
      server = created;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start the " + name + " fake", e);
    }
  }

  public synchronized void stop() {
    if (server == null) {
      return;
    }
    server.stop(0);
    scheduler.shutdownNow();
    executor.shutdownNow();
    server = null;
  }

  public synchronized boolean running() {
    return server != null;
  }

  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("the " + name + " fake is not started");
    }
    return server.getAddress().getPort();
  }

  public String baseUrl() {
    return "http://" + address().getHostAddress() + ":" + port();
  }

  private static InetAddress address() {
    String configured = System.getProperty(ADDRESS_PROPERTY);
    if (configured == null || configured.isBlank()) {
      return InetAddress.getLoopbackAddress();
    }
    try {
      return InetAddress.getByName(configured);
    } catch (IOException e) {
      throw new UncheckedIOException("bad " + ADDRESS_PROPERTY + " '" + configured + "'", e);
    }
  }

  /** Runs the task on the pool after the delay; a zero delay runs it on the pool at once. */
  public ScheduledFuture<?> later(Duration delay, Runnable task) {
    ScheduledExecutorService timer;
    ThreadPoolExecutor pool;
    synchronized (this) {
      timer = scheduler;
      pool = executor;
    }
    if (timer == null || timer.isShutdown()) {
      return null;
    }
    return timer.schedule(
        () -> {
          if (!pool.isShutdown()) {
            pool.execute(task);
          }
        },
        Math.max(0, delay.toMillis()),
        TimeUnit.MILLISECONDS);
  }

  private void handleSafely(HttpExchange exchange) throws IOException {
    try {
      handler.handle(exchange);
    } catch (RuntimeException | IOException e) {
      // a bug in a fake must show up as a 500 in the client, not as a hanging request
      respond(exchange, 500, Map.of(), ("fake failed: " + e).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The request body, inflated when the client sent it with {@code Content-Encoding: gzip}. */
  public static byte[] readBody(HttpExchange exchange) throws IOException {
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
  public static Map<String, String> parseForm(String encoded) {
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

  /** A complete answer; {@code Content-Type} is {@code application/json} unless a header says. */
  public static void respond(
      HttpExchange exchange, int status, Map<String, String> headers, byte[] body) {
    respond(
        exchange, status, headers.getOrDefault("Content-Type", "application/json"), body, headers);
  }

  /** A complete answer of the given content type. */
  public static void respond(HttpExchange exchange, int status, String contentType, byte[] body) {
    respond(exchange, status, contentType, body, Map.of());
  }

  /**
   * Writes a complete answer with the given headers; a null content type sends none (a redirect). A
   * client that went away meanwhile is not an error of the fake.
   */
  public static void respond(
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

  /** Drops the connection without an answer, as an upstream that died would. */
  public static void abort(HttpExchange exchange) {
    exchange.close();
  }
}
