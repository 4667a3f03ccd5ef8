package org.smartassistant.rest.mcpservers;

import java.time.Clock;
import java.util.UUID;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.McpServerRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.NotFoundException;
import org.smartassistant.rest.web.Paging;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The MCP server registry, with a change event for every change (the assistants' clients). */
@Service
class McpServerService {

  private final McpServerRepository servers;
  private final McpServerProperties properties;
  private final ChangeEvents events;
  private final Clock clock;

  McpServerService(
      McpServerRepository servers,
      McpServerProperties properties,
      ChangeEvents events,
      Clock clock) {
    this.servers = servers;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  McpServerDto create(McpServerRequest request) {
    McpServerRules.check(request, properties.stdioEnabled());
    if (servers.existsByName(request.name())) {
      throw new ConflictException("an MCP server named '" + request.name() + "' already exists");
    }
    McpServer server = new McpServer(UUID.randomUUID(), clock.instant());
    server.apply(request, clock.instant());
    servers.saveAndFlush(server);
    events.record(ChangeKind.MCP_SERVER, server.id(), ChangeType.CREATED);
    return server.toDto();
  }

  @Transactional(readOnly = true)
  McpServerDto get(UUID id) {
    return load(id).toDto();
  }

  @Transactional(readOnly = true)
  PageDto<McpServerDto> list(int page, int size) {
    return Paging.toDto(servers.findAll(Paging.of(page, size, Sort.by("name"))), McpServer::toDto);
  }

  @Transactional
  McpServerDto replace(UUID id, McpServerRequest request) {
    McpServer server = load(id);
    McpServerRules.check(request, properties.stdioEnabled());
    if (!request.name().equals(server.name()) && servers.existsByName(request.name())) {
      throw new ConflictException("an MCP server named '" + request.name() + "' already exists");
    }
    server.apply(request, clock.instant());
    servers.flush();
    events.record(ChangeKind.MCP_SERVER, id, ChangeType.UPDATED);
    return server.toDto();
  }

  @Transactional
  void delete(UUID id) {
    McpServer server = load(id);
    if (servers.isNamedByTool(id)) {
      throw new ConflictException(
          "MCP server " + id + " is still used by a tool; delete or change that tool first");
    }
    servers.delete(server);
    servers.flush();
    events.record(ChangeKind.MCP_SERVER, id, ChangeType.DELETED);
  }

  private McpServer load(UUID id) {
    return servers.findById(id).orElseThrow(() -> new NotFoundException("MCP server", id));
  }
}
