package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A tool an assistant may call. {@code name} is the function name the model sees; {@code
 * subAssistantId} is set for {@link ToolType#SUB_ASSISTANT} only, {@code mcpServerId} for {@link
 * ToolType#MCP} only.
 */
public record ToolDto(
    UUID id,
    String name,
    ToolType type,
    String description,
    UUID subAssistantId,
    @JsonProperty("isActive") Boolean isActive,
    Instant createdAt,
    Instant updatedAt,
    UUID mcpServerId) {

  /** A tool that names no MCP server. */
  public ToolDto(
      UUID id,
      String name,
      ToolType type,
      String description,
      UUID subAssistantId,
      Boolean isActive,
      Instant createdAt,
      Instant updatedAt) {
    this(id, name, type, description, subAssistantId, isActive, createdAt, updatedAt, null);
  }
}
