package org.smartassistant.assistant.tools.mcp;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientSseClientTransport;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.client.transport.customizer.McpSyncHttpClientRequestCustomizer;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeListener;
import org.springframework.stereotype.Component;

/**
 * One MCP client per registered server, made from its registration in rest-service when an
 * assistant first needs its tools, kept with the server's allowed tools, and closed when
 * rest-service announces that the registration changed (or a call found the server gone, so that
 * the next message connects anew). A server that cannot be reached is not tried again for {@link
 * McpProperties#retryAfter()}.
 */
@Component
class McpConnections implements ChangeListener {

  private static final Logger log = LoggerFactory.getLogger(McpConnections.class);
  private static final McpSchema.Implementation CLIENT =
      new McpSchema.Implementation("smart-assistant", "1.0");

  /** A connected server and the tools of it the model may be offered. */
  record Connection(McpServerDto server, McpSyncClient client, List<McpSchema.Tool> tools) {}

  private final RestServiceClient rest;
  private final McpProperties properties;
  private final Map<UUID, Connection> connections = new ConcurrentHashMap<>();
  private final Map<UUID, Long> unreachableUntil = new ConcurrentHashMap<>();
  private final Map<UUID, Lock> locks = new ConcurrentHashMap<>();

  McpConnections(RestServiceClient rest, McpProperties properties) {
    this.rest = rest;
    this.properties = properties;
  }

  /** The server's connection, made now if there is none; null when it cannot be had. */
  Connection connection(UUID serverId) {
    Connection existing = connections.get(serverId);
    if (existing != null) {
      return existing;
    }
    if (unreachable(serverId)) {
      return null;
    }
    // one connection per server: who comes second waits for the first to connect. A lock of the
    // server's own, not the map's computeIfAbsent, which would hold a lock of the map (shared with
    // other servers) through the network calls, and pin a virtual thread on Java 21 to 23
    Lock lock = lockOf(serverId);
    lock.lock();
    try {
      Connection made = connections.get(serverId);
      if (made != null) {
        return made;
      }
      if (unreachable(serverId)) {
        return null; // the one before failed while this one waited
      }
      made = connect(rest.mcpServer(serverId));
      connections.put(serverId, made);
      return made;
    } catch (RuntimeException e) {
      log.warn(
          "MCP server {} not available; its tools are not offered: {}", serverId, e.toString());
      unreachableUntil.put(serverId, System.nanoTime() + properties.retryAfter().toNanos());
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops the server's connection: the next message connects anew. A connection being made is
   * waited for, then dropped, so that a changed registration is never left connected as it was.
   */
  void forget(UUID serverId) {
    Lock lock = lockOf(serverId);
    lock.lock();
    try {
      Connection gone = connections.remove(serverId);
      if (gone != null) {
        gone.client().closeGracefully();
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean unreachable(UUID serverId) {
    Long until = unreachableUntil.get(serverId);
    return until != null && System.nanoTime() - until < 0;
  }

  private Lock lockOf(UUID serverId) {
    return locks.computeIfAbsent(serverId, id -> new ReentrantLock());
  }

  @Override
  public void changed(ChangeEvent event) {
    if (event.kind() == ChangeKind.MCP_SERVER) {
      UUID id = UUID.fromString(event.id());
      // after a connection being made has failed or been dropped: the new registration is tried
      forget(id);
      unreachableUntil.remove(id);
    }
  }

  @Override
  public void missedChanges() {
    Set.copyOf(connections.keySet()).forEach(this::forget);
    unreachableUntil.clear();
  }

  /** Closes every client at shutdown (a stdio server's process ends with it). */
  @PreDestroy
  void closeAll() {
    Set.copyOf(connections.keySet()).forEach(this::forget);
  }

  private Connection connect(McpServerDto server) {
    McpSyncClient client =
        McpClient.sync(transport(server))
            .clientInfo(CLIENT)
            .requestTimeout(properties.callTimeout())
            // the handshake opens the connection first
            .initializationTimeout(properties.callTimeout().plus(properties.connectTimeout()))
            .build();
    try {
      client.initialize();
      Set<String> allowed = Set.copyOf(server.allowedTools());
      List<McpSchema.Tool> tools =
          client.listTools().tools().stream().filter(t -> allowed.contains(t.name())).toList();
      log.info(
          "MCP server '{}' connected; {} of its tools allowed: {}",
          server.name(),
          tools.size(),
          tools.stream().map(McpSchema.Tool::name).toList());
      return new Connection(server, client, tools);
    } catch (RuntimeException e) {
      client.closeGracefully();
      throw e;
    }
  }

  private McpClientTransport transport(McpServerDto server) {
    return switch (server.transport()) {
      case STREAMABLE_HTTP -> {
        URI url = URI.create(server.url());
        yield HttpClientStreamableHttpTransport.builder(origin(url))
            .endpoint(pathOf(url))
            .connectTimeout(properties.connectTimeout())
            .httpRequestCustomizer(headers(server.headers()))
            .build();
      }
      case SSE -> {
        URI url = URI.create(server.url());
        yield HttpClientSseClientTransport.builder(origin(url))
            .sseEndpoint(pathOf(url))
            .connectTimeout(properties.connectTimeout())
            .httpRequestCustomizer(headers(server.headers()))
            .build();
      }
      case STDIO -> {
        if (!properties.stdioEnabled()) {
          throw new IllegalStateException(
              "stdio MCP servers are disabled here (MCP_STDIO_ENABLED); not starting '"
                  + server.command()
                  + "'");
        }
        yield new StdioClientTransport(
            ServerParameters.builder(server.command()).args(server.args()).build(),
            McpJsonDefaults.getMapper());
      }
    };
  }

  private static McpSyncHttpClientRequestCustomizer headers(Map<String, String> headers) {
    Map<String, String> fixed = headers == null ? Map.of() : Map.copyOf(headers);
    return (builder, method, endpoint, body, context) -> fixed.forEach(builder::setHeader);
  }

  private static String origin(URI url) {
    return url.getScheme() + "://" + url.getRawAuthority();
  }

  private static String pathOf(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }
}
