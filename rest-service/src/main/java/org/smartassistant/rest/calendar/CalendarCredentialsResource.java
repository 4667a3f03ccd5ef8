package org.smartassistant.rest.calendar;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.api.PutCalendarCredentialsRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/{id}/calendar-credentials}: a user's Google tokens. Like all of {@code /api} it
 * answers only callers with the internal token, i.e. the services; tokens are returned in clear to
 * them and to no one else.
 */
@RestController
@RequestMapping("/api/users/{id}/calendar-credentials")
@Tag(name = "calendar credentials")
class CalendarCredentialsResource {

  private final CalendarCredentialsService service;

  CalendarCredentialsResource(CalendarCredentialsService service) {
    this.service = service;
  }

  @Operation(summary = "The user's tokens, decrypted (services only)")
  @GetMapping
  CalendarCredentialsDto get(@PathVariable long id) {
    return service.get(id);
  }

  /** 201 when the user had no credentials, 200 when they were replaced. */
  @PutMapping
  ResponseEntity<CalendarCredentialsDto> put(
      @PathVariable long id, @Valid @RequestBody PutCalendarCredentialsRequest request) {
    CalendarCredentialsService.Stored stored = service.put(id, request);
    return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .body(stored.credentials());
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void delete(@PathVariable long id) {
    service.delete(id);
  }
}
