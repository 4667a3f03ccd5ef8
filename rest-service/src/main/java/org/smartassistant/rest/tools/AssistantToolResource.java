package org.smartassistant.rest.tools;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.smartassistant.common.api.ToolDto;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/assistants/{id}/tools}: which tools an assistant may call. */
@RestController
@RequestMapping("/api/assistants/{assistantId}/tools")
@Tag(name = "assistant tools")
class AssistantToolResource {

  private final ToolService service;

  AssistantToolResource(ToolService service) {
    this.service = service;
  }

  @GetMapping
  List<ToolDto> list(@PathVariable UUID assistantId) {
    return service.linkedTools(assistantId);
  }

  @GetMapping("/{toolId}")
  ToolDto get(@PathVariable UUID assistantId, @PathVariable UUID toolId) {
    return service.linkedTool(assistantId, toolId);
  }

  /** 201 when the link is new, 200 when it existed already. */
  @PutMapping("/{toolId}")
  ResponseEntity<ToolDto> link(@PathVariable UUID assistantId, @PathVariable UUID toolId) {
    ToolService.Linked linked = service.link(assistantId, toolId);
    return ResponseEntity.status(linked.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(linked.tool());
  }

  @DeleteMapping("/{toolId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unlink(@PathVariable UUID assistantId, @PathVariable UUID toolId) {
    service.unlink(assistantId, toolId);
  }
}
