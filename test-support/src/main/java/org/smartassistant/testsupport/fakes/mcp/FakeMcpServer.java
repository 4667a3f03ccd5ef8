package org.smartassistant.testsupport.fakes.mcp;

import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;

/**
 * A real MCP server in the test JVM: the MCP Java SDK's server with its streamable-HTTP or SSE
 * servlet transport in an embedded Tomcat on a free loopback port. Tools answer with text; every
 * call is recorded with its arguments, {@code _meta} and HTTP headers, so tests can check what a
 * server was (and was not) told. {@link #stop()} takes it down (a server that is down), {@link
 * #delay(Duration)} makes it slow.
 */
public final class FakeMcpServer implements AutoCloseable {

  /** The transports the fake speaks. */
  public enum Transport {
    STREAMABLE_HTTP("/mcp"),
    SSE("/sse");

    private final String path;

    Transport(String path) {
      this.path = path;
    }
  }

  /** One tool call as the server received it. */
  public record Call(
      String tool,
      Map<String, Object> arguments,
      Map<String, Object> meta,
      Map<String, String> headers) {}

  private static final String HEADERS = "headers";

  private final Transport transport;
  private final List<SyncToolSpecification> tools = new ArrayList<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile Duration delay = Duration.ZERO;
  private Tomcat tomcat;
  private McpSyncServer server;
  private int port;

  private FakeMcpServer(Transport transport) {
    this.transport = transport;
  }

  /** A server not yet started; add tools, then {@link #start()}. */
  public static FakeMcpServer of(Transport transport) {
    return new FakeMcpServer(transport);
  }

  /**
   * Adds a tool with one string parameter {@code query} that answers {@code answer.apply(query)}.
   */
  public FakeMcpServer tool(String name, String description, Function<String, String> answer) {
    McpSchema.Tool tool =
        McpSchema.Tool.builder(
                name,
                Map.of(
                    "type",
                    "object",
                    "properties",
                    Map.of("query", Map.of("type", "string", "description", "what to look up")),
                    "required",
                    List.of("query")))
            .description(description)
            .build();
    tools.add(
        SyncToolSpecification.builder()
            .tool(tool)
            .callHandler(
                (exchange, request) -> {
                  calls.add(record(request, exchange.transportContext()));
                  sleep(delay);
                  Object query =
                      request.arguments() == null ? null : request.arguments().get("query");
                  return McpSchema.CallToolResult.builder()
                      .addTextContent(answer.apply(query == null ? "" : query.toString()))
                      .build();
                })
            .build());
    return this;
  }

  /** Starts on a free port of 127.0.0.1. */
  public FakeMcpServer start() {
    HttpServlet servlet;
    if (transport == Transport.STREAMABLE_HTTP) {
      HttpServletStreamableServerTransportProvider provider =
          HttpServletStreamableServerTransportProvider.builder()
              .jsonMapper(McpJsonDefaults.getMapper())
              .mcpEndpoint(transport.path)
              .contextExtractor(FakeMcpServer::headersOf)
              .build();
      server = McpServer.sync(provider).serverInfo("fake-mcp", "1.0").tools(tools).build();
      servlet = provider;
    } else {
      HttpServletSseServerTransportProvider provider =
          HttpServletSseServerTransportProvider.builder()
              .jsonMapper(McpJsonDefaults.getMapper())
              .sseEndpoint(transport.path)
              .messageEndpoint("/message")
              .contextExtractor(FakeMcpServer::headersOf)
              .build();
      server = McpServer.sync(provider).serverInfo("fake-mcp", "1.0").tools(tools).build();
      servlet = provider;
    }
    try {
      tomcat = new Tomcat();
      tomcat.setBaseDir(Files.createTempDirectory("fake-mcp").toString());
      tomcat.setHostname("127.0.0.1");
      tomcat.setPort(0);
      tomcat.getConnector().setProperty("address", "127.0.0.1");
      Context context = tomcat.addContext("", null);
      Tomcat.addServlet(context, "mcp", servlet).setAsyncSupported(true);
      context.addServletMappingDecoded("/*", "mcp");
      tomcat.start();
      port = tomcat.getConnector().getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (LifecycleException e) {
      throw new IllegalStateException("fake MCP server did not start", e);
    }
    return this;
  }

  /** The URL to register: the streamable-HTTP endpoint or the SSE endpoint. */
  public String url() {
    return "http://127.0.0.1:" + port + transport.path;
  }

  /** The calls received so far, oldest first. */
  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Makes every later call wait this long before answering. */
  public void delay(Duration delay) {
    this.delay = delay;
  }

  /** Takes the server down: connections are refused from now on. */
  public void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (tomcat != null) {
      try {
        tomcat.stop();
        tomcat.destroy();
      } catch (LifecycleException e) {
        throw new IllegalStateException(e);
      }
      tomcat = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static McpTransportContext headersOf(HttpServletRequest request) {
    Map<String, String> headers = new HashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name.toLowerCase(java.util.Locale.ROOT), request.getHeader(name));
    }
    return McpTransportContext.create(Map.of(HEADERS, headers));
  }

  @SuppressWarnings("unchecked")
  private static Call record(McpSchema.CallToolRequest request, McpTransportContext context) {
    Object headers = context == null ? null : context.get(HEADERS);
    return new Call(
        request.name(),
        request.arguments() == null ? Map.of() : new HashMap<>(request.arguments()),
        request.meta() == null ? Map.of() : new HashMap<>(request.meta()),
        headers instanceof Map<?, ?> map ? (Map<String, String>) map : Map.of());
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
