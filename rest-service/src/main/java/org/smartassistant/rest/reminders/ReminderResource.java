package org.smartassistant.rest.reminders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.UUID;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.CreateReminderRunRequest;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.ScheduledRemindersPage;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/reminders}: reminders, their runs, and the scheduler's view of the active ones. */
@RestController
@RequestMapping("/api/reminders")
@Tag(name = "reminders")
class ReminderResource {

  static final int SCHEDULED_DEFAULT_SIZE = 500;
  static final int SCHEDULED_MAX_SIZE = 1000;

  private final ReminderService service;
  private final ReminderRuns runs;
  private final ReminderQueries queries;

  ReminderResource(ReminderService service, ReminderRuns runs, ReminderQueries queries) {
    this.service = service;
    this.runs = runs;
    this.queries = queries;
  }

  @GetMapping
  PageDto<ReminderDto> list(
      @RequestParam(required = false) Long userId,
      @RequestParam(required = false) ReminderStatus status,
      @RequestParam(required = false) ReminderType type,
      @RequestParam(required = false) UUID assistantId,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return queries.list(userId, status, type, assistantId, page, size);
  }

  @Operation(
      summary = "All active reminders, by cursor",
      description =
          "Ordered by id. Pass nextCursor as 'after' until it is null to receive every active"
              + " reminder exactly once.")
  @GetMapping("/scheduled")
  ScheduledRemindersPage scheduled(
      @RequestParam(required = false) UUID after,
      @RequestParam(defaultValue = "" + SCHEDULED_DEFAULT_SIZE) @Min(1) @Max(SCHEDULED_MAX_SIZE)
          int size) {
    return queries.scheduled(after, size);
  }

  @GetMapping("/{id}")
  ReminderDto get(@PathVariable UUID id) {
    return queries.get(id);
  }

  @Operation(
      summary = "Create a reminder",
      description =
          "201 with the reminder. With an Idempotency-Key header the same key of the same user"
              + " answers the reminder created the first time (200, Idempotent-Replayed: true)"
              + " and creates nothing; the same key with a different request answers 409.")
  @PostMapping
  ResponseEntity<ReminderDto> create(
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateReminderRequest request) {
    String key = Idempotency.check(idempotencyKey);
    return Idempotency.answer(
        Idempotency.run(key, () -> service.create(request, key)),
        created -> URI.create("/api/reminders/" + created.id()));
  }

  @PatchMapping("/{id}")
  ReminderDto update(@PathVariable UUID id, @Valid @RequestBody UpdateReminderRequest request) {
    return service.update(id, request);
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable UUID id) {
    service.delete(id);
  }

  @Operation(
      summary = "Record a firing",
      description =
          "409 when a run with the same scheduledFor exists (idempotency key of the scheduler)."
              + " Moves an active reminder on: completes a delivered one-time reminder, marks a"
              + " missed one missed, advances nextTriggerAt of a recurring one.")
  @PostMapping("/{id}/runs")
  ResponseEntity<ReminderRunDto> recordRun(
      @PathVariable UUID id, @Valid @RequestBody CreateReminderRunRequest request) {
    ReminderRunDto run = runs.recordRun(id, request);
    return ResponseEntity.created(URI.create("/api/reminders/" + id + "/runs")).body(run);
  }

  @GetMapping("/{id}/runs")
  PageDto<ReminderRunDto> runs(
      @PathVariable UUID id,
      @RequestParam(defaultValue = "0") @Min(0) int page,
      @RequestParam(defaultValue = "" + Paging.DEFAULT_SIZE) @Min(1) @Max(Paging.MAX_SIZE)
          int size) {
    return runs.runs(id, page, size);
  }
}
