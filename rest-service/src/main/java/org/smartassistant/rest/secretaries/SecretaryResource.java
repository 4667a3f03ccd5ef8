package org.smartassistant.rest.secretaries;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.SetSecretaryRequest;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.rest.assistants.AssistantService;
import org.smartassistant.rest.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/{id}/secretary}: a user's secretary; {@code /api/secretaries}: the active
 * secretaries a user can choose from.
 */
@RestController
@Tag(name = "secretaries")
class SecretaryResource {

  private final SecretaryService service;
  private final AssistantService assistants;

  SecretaryResource(SecretaryService service, AssistantService assistants) {
    this.service = service;
    this.assistants = assistants;
  }

  @GetMapping("/api/secretaries")
  PageDto<AssistantDto> secretaries(
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return assistants.list(true, true, page, size);
  }

  @GetMapping("/api/users/{id}/secretary")
  UserSecretaryDto get(@PathVariable long id) {
    return service.get(id);
  }

  @PutMapping("/api/users/{id}/secretary")
  UserSecretaryDto set(@PathVariable long id, @Valid @RequestBody SetSecretaryRequest request) {
    return service.set(id, request.assistantId());
  }

  @DeleteMapping("/api/users/{id}/secretary")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void clear(@PathVariable long id) {
    service.clear(id);
  }
}
