package org.smartassistant.rest.mcpservers;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** What other features (tools) may ask about MCP servers without depending on their internals. */
@Component
public class McpServerLookup {

  private final McpServerRepository servers;

  McpServerLookup(McpServerRepository servers) {
    this.servers = servers;
  }

  @Transactional(readOnly = true)
  public boolean exists(UUID id) {
    return id != null && servers.existsById(id);
  }
}
