package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Changes the given fields of a tool; a null field is left as it is. */
public record UpdateToolRequest(
    @Pattern(
            regexp = "[A-Za-z0-9_-]{1,64}",
            message = "must be 1 to 64 letters, digits, '_' or '-'")
        String name,
    ToolType type,
    @Size(max = 2000) String description,
    UUID subAssistantId,
    @JsonProperty("isActive") Boolean isActive,
    UUID mcpServerId) {

  /** A change that leaves the MCP server as it is. */
  public UpdateToolRequest(
      String name, ToolType type, String description, UUID subAssistantId, Boolean isActive) {
    this(name, type, description, subAssistantId, isActive, null);
  }
}
