package org.smartassistant.rest.mcpservers;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.McpServerRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.rest.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/mcp-servers}: the MCP servers whose tools assistants can be given. */
@RestController
@RequestMapping("/api/mcp-servers")
@Tag(name = "mcp servers")
class McpServerResource {

  private final McpServerService service;

  McpServerResource(McpServerService service) {
    this.service = service;
  }

  @GetMapping
  PageDto<McpServerDto> list(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return service.list(page, size);
  }

  @GetMapping("/{id}")
  McpServerDto get(@PathVariable UUID id) {
    return service.get(id);
  }

  @PostMapping
  ResponseEntity<McpServerDto> create(@Valid @RequestBody McpServerRequest request) {
    McpServerDto created = service.create(request);
    return ResponseEntity.created(URI.create("/api/mcp-servers/" + created.id())).body(created);
  }

  @PutMapping("/{id}")
  McpServerDto replace(@PathVariable UUID id, @Valid @RequestBody McpServerRequest request) {
    return service.replace(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id) {
    service.delete(id);
  }
}
