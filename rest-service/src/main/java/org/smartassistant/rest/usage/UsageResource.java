package org.smartassistant.rest.usage;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.LocalDate;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.UsageDto;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users/{id}/usage} and {@code /api/usage}: what the models cost, per day. */
@RestController
@Tag(name = "usage")
class UsageResource {

  private final UsageService service;

  UsageResource(UsageService service) {
    this.service = service;
  }

  @Operation(
      summary = "Add model usage to the user's day",
      description =
          "Adds calls, tokens and cost of one assistant's model to the user's usage of the day"
              + " (UTC) of at. 204.")
  @PostMapping("/api/users/{id}/usage")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void record(@PathVariable long id, @Valid @RequestBody RecordUsageRequest request) {
    service.record(id, request);
  }

  @Operation(
      summary = "The user's usage per day, assistant and model",
      description =
          "from and to are UTC dates, both included (default: today; at most 366 days); the sums"
              + " and one line per day, assistant and model.")
  @GetMapping("/api/users/{id}/usage")
  UsageDto userUsage(
      @PathVariable long id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return service.report(id, from, to);
  }

  @Operation(
      summary = "Every user's usage per day, user, assistant and model",
      description = "As the user's, over all users.")
  @GetMapping("/api/usage")
  UsageDto usage(
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
    return service.report(null, from, to);
  }
}
