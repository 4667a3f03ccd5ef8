package org.smartassistant.rest.tools;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.smartassistant.common.api.CreateToolRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UpdateToolRequest;
import org.smartassistant.rest.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tools}: the tools assistants can be given. */
@RestController
@RequestMapping("/api/tools")
@Tag(name = "tools")
class ToolResource {

  private final ToolService service;

  ToolResource(ToolService service) {
    this.service = service;
  }

  @GetMapping
  PageDto<ToolDto> list(
      @RequestParam(required = false) ToolType type,
      @RequestParam(required = false) Boolean isActive,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return service.list(type, isActive, page, size);
  }

  @GetMapping("/{id}")
  ToolDto get(@PathVariable UUID id) {
    return service.get(id);
  }

  @PostMapping
  ResponseEntity<ToolDto> create(@Valid @RequestBody CreateToolRequest request) {
    ToolDto created = service.create(request);
    return ResponseEntity.created(URI.create("/api/tools/" + created.id())).body(created);
  }

  @PatchMapping("/{id}")
  ToolDto update(@PathVariable UUID id, @Valid @RequestBody UpdateToolRequest request) {
    return service.update(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id) {
    service.delete(id);
  }
}
