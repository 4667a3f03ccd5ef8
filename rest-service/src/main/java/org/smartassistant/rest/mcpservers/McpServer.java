package org.smartassistant.rest.mcpservers;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.McpServerRequest;
import org.smartassistant.common.api.McpTransport;

/** An MCP server the operator registered, and which of its tools the model may be offered. */
@Entity
@Table(name = "mcp_servers")
class McpServer {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private McpTransport transport;

  private String url;

  @JdbcTypeCode(SqlTypes.JSON)
  @Column(nullable = false)
  private Map<String, String> headers = new LinkedHashMap<>();

  private String command;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false)
  private List<String> args = new ArrayList<>();

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(name = "allowed_tools", nullable = false)
  private List<String> allowedTools = new ArrayList<>();

  @Column(name = "send_identity", nullable = false)
  private boolean sendIdentity;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected McpServer() {}

  McpServer(UUID id, Instant now) {
    this.id = id;
    this.createdAt = now;
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  /** Takes every field of a validated request. */
  void apply(McpServerRequest request, Instant now) {
    this.name = request.name();
    this.transport = request.transport();
    this.url = blankToNull(request.url());
    this.headers = new LinkedHashMap<>(request.headers() == null ? Map.of() : request.headers());
    this.command = blankToNull(request.command());
    this.args = new ArrayList<>(request.args() == null ? List.of() : request.args());
    this.allowedTools =
        new ArrayList<>(
            request.allowedTools() == null
                ? List.of()
                : request.allowedTools().stream().map(String::trim).distinct().toList());
    this.sendIdentity = Boolean.TRUE.equals(request.sendIdentity());
    this.updatedAt = now;
  }

  McpServerDto toDto() {
    return new McpServerDto(
        id,
        name,
        transport,
        url,
        Map.copyOf(headers),
        command,
        List.copyOf(args),
        List.copyOf(allowedTools),
        sendIdentity,
        createdAt,
        updatedAt);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
