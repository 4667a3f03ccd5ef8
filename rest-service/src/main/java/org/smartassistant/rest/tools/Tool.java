package org.smartassistant.rest.tools;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;

/**
 * A tool assistants may call; a {@code sub_assistant} tool names the assistant it delegates to, an
 * {@code mcp} tool the MCP server whose allowed tools it offers.
 */
@Entity
@Table(name = "tools")
class Tool {

  @Id private UUID id;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false)
  private ToolType type;

  private String description;

  @Column(name = "sub_assistant_id")
  private UUID subAssistantId;

  @Column(name = "mcp_server_id")
  private UUID mcpServerId;

  @Column(name = "is_active", nullable = false)
  private boolean active;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected Tool() {}

  Tool(UUID id, String name, ToolType type, Instant now) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.active = true;
    this.createdAt = now;
    this.updatedAt = now;
  }

  UUID id() {
    return id;
  }

  String name() {
    return name;
  }

  ToolType type() {
    return type;
  }

  UUID subAssistantId() {
    return subAssistantId;
  }

  UUID mcpServerId() {
    return mcpServerId;
  }

  void setMcpServerId(UUID mcpServerId) {
    this.mcpServerId = mcpServerId;
  }

  void setName(String name) {
    this.name = name;
  }

  void setType(ToolType type) {
    this.type = type;
  }

  void setDescription(String description) {
    this.description = description;
  }

  void setSubAssistantId(UUID subAssistantId) {
    this.subAssistantId = subAssistantId;
  }

  void setActive(boolean active) {
    this.active = active;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  ToolDto toDto() {
    return new ToolDto(
        id, name, type, description, subAssistantId, active, createdAt, updatedAt, mcpServerId);
  }
}
