package org.smartassistant.rest.assistants;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.UpdateAssistantRequest;
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

/** {@code /api/assistants}: the configured assistants. */
@RestController
@RequestMapping("/api/assistants")
@Tag(name = "assistants")
class AssistantResource {

  private final AssistantService service;

  AssistantResource(AssistantService service) {
    this.service = service;
  }

  @GetMapping
  PageDto<AssistantDto> list(
      @RequestParam(required = false) Boolean isSecretary,
      @RequestParam(required = false) Boolean isActive,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return service.list(isSecretary, isActive, page, size);
  }

  @GetMapping("/{id}")
  AssistantDto get(@PathVariable UUID id) {
    return service.get(id);
  }

  @PostMapping
  ResponseEntity<AssistantDto> create(@Valid @RequestBody CreateAssistantRequest request) {
    AssistantDto created = service.create(request);
    return ResponseEntity.created(URI.create("/api/assistants/" + created.id())).body(created);
  }

  @PatchMapping("/{id}")
  AssistantDto update(@PathVariable UUID id, @Valid @RequestBody UpdateAssistantRequest request) {
    return service.update(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id) {
    service.delete(id);
  }
}
