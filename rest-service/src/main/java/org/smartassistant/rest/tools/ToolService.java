package org.smartassistant.rest.tools;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.CreateToolRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UpdateToolRequest;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.mcpservers.McpServerLookup;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.FieldErrors;
import org.smartassistant.rest.web.NotFoundException;
import org.smartassistant.rest.web.Paging;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Tools and their links to assistants, with a change event for every change. */
@Service
public class ToolService {

  private final ToolRepository tools;
  private final AssistantToolLinkRepository links;
  private final AssistantLookup assistants;
  private final McpServerLookup mcpServers;
  private final ChangeEvents events;
  private final Clock clock;

  ToolService(
      ToolRepository tools,
      AssistantToolLinkRepository links,
      AssistantLookup assistants,
      McpServerLookup mcpServers,
      ChangeEvents events,
      Clock clock) {
    this.tools = tools;
    this.links = links;
    this.assistants = assistants;
    this.mcpServers = mcpServers;
    this.events = events;
    this.clock = clock;
  }

  @Transactional
  public ToolDto create(CreateToolRequest request) {
    checkDelegation(request.type(), request.subAssistantId());
    checkMcpServer(request.type(), request.mcpServerId());
    if (tools.existsByName(request.name())) {
      throw new ConflictException("a tool named '" + request.name() + "' already exists");
    }
    Tool tool = new Tool(UUID.randomUUID(), request.name(), request.type(), clock.instant());
    tool.setDescription(request.description());
    tool.setSubAssistantId(request.subAssistantId());
    tool.setMcpServerId(request.mcpServerId());
    tool.setActive(request.isActive() == null || request.isActive());
    tools.saveAndFlush(tool);
    events.record(ChangeKind.TOOL, tool.id(), ChangeType.CREATED);
    return tool.toDto();
  }

  @Transactional(readOnly = true)
  public ToolDto get(UUID id) {
    return load(id).toDto();
  }

  @Transactional(readOnly = true)
  public Optional<ToolDto> findByName(String name) {
    return tools.findByName(name).map(Tool::toDto);
  }

  @Transactional(readOnly = true)
  public PageDto<ToolDto> list(ToolType type, Boolean isActive, int page, int size) {
    Specification<Tool> filter = (root, query, cb) -> cb.conjunction();
    if (type != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("type"), type));
    }
    if (isActive != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("active"), isActive));
    }
    return Paging.toDto(tools.findAll(filter, Paging.of(page, size, Sort.by("name"))), Tool::toDto);
  }

  @Transactional
  public ToolDto update(UUID id, UpdateToolRequest request) {
    Tool tool = load(id);
    ToolType type = request.type() != null ? request.type() : tool.type();
    UUID subAssistantId =
        type != ToolType.SUB_ASSISTANT
            ? request.subAssistantId()
            : request.subAssistantId() != null ? request.subAssistantId() : tool.subAssistantId();
    checkDelegation(type, subAssistantId);
    UUID mcpServerId =
        type != ToolType.MCP
            ? request.mcpServerId()
            : request.mcpServerId() != null ? request.mcpServerId() : tool.mcpServerId();
    checkMcpServer(type, mcpServerId);
    if (request.name() != null && !request.name().equals(tool.name())) {
      if (tools.existsByName(request.name())) {
        throw new ConflictException("a tool named '" + request.name() + "' already exists");
      }
      tool.setName(request.name());
    }
    tool.setType(type);
    tool.setSubAssistantId(subAssistantId);
    tool.setMcpServerId(mcpServerId);
    if (request.description() != null) {
      tool.setDescription(request.description());
    }
    if (request.isActive() != null) {
      tool.setActive(request.isActive());
    }
    tool.touch(clock.instant());
    tools.flush();
    events.record(ChangeKind.TOOL, id, ChangeType.UPDATED);
    return tool.toDto();
  }

  @Transactional
  public void delete(UUID id) {
    Tool tool = load(id);
    List<AssistantToolLink> linked = links.findByToolId(id);
    links.deleteAll(linked);
    tools.delete(tool);
    tools.flush();
    linked.forEach(link -> linkEvent(link.id(), ChangeType.DELETED));
    events.record(ChangeKind.TOOL, id, ChangeType.DELETED);
  }

  // links

  @Transactional(readOnly = true)
  public List<ToolDto> linkedTools(UUID assistantId) {
    requireAssistant(assistantId);
    return tools.findLinkedTo(assistantId).stream().map(Tool::toDto).toList();
  }

  @Transactional(readOnly = true)
  public ToolDto linkedTool(UUID assistantId, UUID toolId) {
    requireAssistant(assistantId);
    Tool tool = load(toolId);
    if (!links.existsById(new AssistantToolLink.Key(assistantId, toolId))) {
      throw new NotFoundException("tool " + toolId + " is not linked to assistant " + assistantId);
    }
    return tool.toDto();
  }

  /** Links a tool to an assistant; returns whether the link is new. */
  @Transactional
  public Linked link(UUID assistantId, UUID toolId) {
    requireAssistant(assistantId);
    Tool tool = load(toolId);
    AssistantToolLink.Key key = new AssistantToolLink.Key(assistantId, toolId);
    if (links.existsById(key)) {
      return new Linked(tool.toDto(), false);
    }
    links.saveAndFlush(new AssistantToolLink(assistantId, toolId, clock.instant()));
    linkEvent(key, ChangeType.CREATED);
    return new Linked(tool.toDto(), true);
  }

  @Transactional
  public void unlink(UUID assistantId, UUID toolId) {
    requireAssistant(assistantId);
    load(toolId);
    AssistantToolLink.Key key = new AssistantToolLink.Key(assistantId, toolId);
    AssistantToolLink link =
        links
            .findById(key)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "tool " + toolId + " is not linked to assistant " + assistantId));
    links.delete(link);
    links.flush();
    linkEvent(key, ChangeType.DELETED);
  }

  /** A tool as linked, and whether the link was created by this call. */
  public record Linked(ToolDto tool, boolean created) {}

  private void linkEvent(AssistantToolLink.Key key, ChangeType change) {
    events.record(
        ChangeKind.ASSISTANT_TOOL,
        key.eventId(),
        change,
        Map.of(
            ChangeEvent.ASSISTANT_ID,
            key.assistantId().toString(),
            ChangeEvent.TOOL_ID,
            key.toolId().toString()));
  }

  private void checkDelegation(ToolType type, UUID subAssistantId) {
    FieldErrors errors = new FieldErrors();
    if (type == ToolType.SUB_ASSISTANT) {
      if (subAssistantId == null) {
        errors.reject("subAssistantId", "is required for a sub_assistant tool");
      } else if (!assistants.exists(subAssistantId)) {
        errors.reject("subAssistantId", "names no assistant: " + subAssistantId);
      }
    } else if (subAssistantId != null) {
      errors.reject("subAssistantId", "is only allowed for a sub_assistant tool");
    }
    errors.throwIfAny();
  }

  private void checkMcpServer(ToolType type, UUID mcpServerId) {
    FieldErrors errors = new FieldErrors();
    if (type == ToolType.MCP) {
      if (mcpServerId == null) {
        errors.reject("mcpServerId", "is required for an mcp tool");
      } else if (!mcpServers.exists(mcpServerId)) {
        errors.reject("mcpServerId", "names no MCP server: " + mcpServerId);
      }
    } else if (mcpServerId != null) {
      errors.reject("mcpServerId", "is only allowed for an mcp tool");
    }
    errors.throwIfAny();
  }

  private void requireAssistant(UUID assistantId) {
    if (!assistants.exists(assistantId)) {
      throw new NotFoundException("assistant", assistantId);
    }
  }

  private Tool load(UUID id) {
    return tools.findById(id).orElseThrow(() -> new NotFoundException("tool", id));
  }
}
