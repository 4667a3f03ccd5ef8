package org.smartassistant.rest.mcpservers;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface McpServerRepository extends JpaRepository<McpServer, UUID> {

  boolean existsByName(String name);

  @Query(
      value = "select exists (select 1 from tools where mcp_server_id = :id)",
      nativeQuery = true)
  boolean isNamedByTool(UUID id);
}
