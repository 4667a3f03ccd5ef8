package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * Creates a tool. The name must be a valid function name for the LLM APIs (letters, digits, {@code
 * _} and {@code -}, at most 64); {@code subAssistantId} is required for {@code sub_assistant} tools
 * and refused for the others; {@code mcpServerId} likewise for {@code mcp} tools.
 */
public record CreateToolRequest(
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9_-]{1,64}",
            message = "must be 1 to 64 letters, digits, '_' or '-'")
        String name,
    @NotNull ToolType type,
    @Size(max = 2000) String description,
    UUID subAssistantId,
    @JsonProperty("isActive") Boolean isActive,
    UUID mcpServerId) {

  /** A request for a tool that names no MCP server. */
  public CreateToolRequest(
      String name, ToolType type, String description, UUID subAssistantId, Boolean isActive) {
    this(name, type, description, subAssistantId, isActive, null);
  }
}
