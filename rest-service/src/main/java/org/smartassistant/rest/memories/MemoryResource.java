package org.smartassistant.rest.memories;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.SaveMemoryRequest;
import org.smartassistant.common.api.TurnContextDto;
import org.smartassistant.rest.web.Idempotency;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users/{id}/memories}: the facts kept about a user across conversations. */
@RestController
@RequestMapping("/api/users/{id}/memories")
@Tag(name = "memories")
class MemoryResource {

  static final int MAX_LIMIT = 500;
  static final int DEFAULT_LIMIT = 100;

  private final MemoryService service;

  MemoryResource(MemoryService service) {
    this.service = service;
  }

  @Operation(
      summary = "Keep a fact about the user",
      description =
          "201 with the fact. 409 when the user already has MEMORY_MAX_PER_USER facts. With an"
              + " Idempotency-Key header the same key of the same user answers the fact kept the"
              + " first time (200, Idempotent-Replayed: true).")
  @PostMapping
  ResponseEntity<MemoryDto> save(
      @PathVariable long id,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody SaveMemoryRequest request) {
    String key = Idempotency.check(idempotencyKey);
    return Idempotency.answer(Idempotency.run(key, () -> service.save(id, request, key)), null);
  }

  @Operation(
      summary = "The user's facts",
      description =
          "Without q the newest first; with q the facts sharing a word with it (PostgreSQL"
              + " full-text search, 'simple' configuration), the most relevant first. limit"
              + " defaults to 100, at most 500.")
  @GetMapping
  List<MemoryDto> find(
      @PathVariable long id,
      @RequestParam(required = false) @Size(max = TurnContextDto.MAX_QUERY_LENGTH) String q,
      @RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) Integer limit,
      @RequestParam(required = false) @Pattern(regexp = "newest") String fill) {
    int count = limit == null ? DEFAULT_LIMIT : limit;
    return fill == null ? service.find(id, q, count) : service.findFilled(id, q, count);
  }

  @Operation(summary = "Forget one fact (404 unless it is this user's)")
  @DeleteMapping("/{memoryId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void forget(@PathVariable long id, @PathVariable long memoryId) {
    service.forget(id, memoryId);
  }

  @Operation(summary = "Forget every fact kept about the user")
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void forgetAll(@PathVariable long id) {
    service.forgetAll(id);
  }
}
