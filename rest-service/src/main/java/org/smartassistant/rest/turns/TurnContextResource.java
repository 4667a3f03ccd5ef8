package org.smartassistant.rest.turns;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.smartassistant.common.api.TurnContextDto;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/users/{id}/turn-context}: what the assistant reads before a turn of a user it has not
 * cached (the user, the secretary, the conversation window, the relevant facts), in one request and
 * one read-only transaction instead of four requests.
 */
@RestController
@Tag(name = "users")
class TurnContextResource {

  static final int MAX_WINDOW = 500;
  static final int MAX_FACTS = 100;

  private final TurnContextService service;

  TurnContextResource(TurnContextService service) {
    this.service = service;
  }

  @Operation(
      summary = "What a turn reads about the user, in one request",
      description =
          "user; secretary: the assigned one, else the default, null when neither is usable;"
              + " window: the last `window` messages (default: the settings' historyWindow) and the"
              + " newest summary, as /messages/window; facts: at most `facts`, those sharing a word with q first, the"
              + " rest filled with the newest (none with facts=0). 404 when the user is unknown.")
  @GetMapping("/api/users/{id}/turn-context")
  TurnContextDto get(
      @PathVariable long id,
      @RequestParam(required = false) @Min(1) @Max(MAX_WINDOW) Integer window,
      @RequestParam(required = false) @Size(max = TurnContextDto.MAX_QUERY_LENGTH) String q,
      @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_FACTS) int facts) {
    return service.read(id, window, q, facts);
  }
}
