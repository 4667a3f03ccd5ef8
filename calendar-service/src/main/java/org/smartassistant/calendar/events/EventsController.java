package org.smartassistant.calendar.events;

import jakarta.validation.Valid;
import java.time.Instant;
import java.util.List;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /events/{userId}}: the user's calendar events for the services (internal token required).
 */
@RestController
@RequestMapping("/events/{userId}")
class EventsController {

  private final UserEvents events;

  EventsController(UserEvents events) {
    this.events = events;
  }

  @GetMapping
  List<CalendarEventDto> list(
      @PathVariable long userId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to) {
    return events.list(userId, from, to);
  }

  /**
   * Creates the event. With an {@code Idempotency-Key} header the event gets an id derived from the
   * user and the key, so the same key again answers the event created the first time.
   */
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  CalendarEventDto create(
      @PathVariable long userId,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody CreateCalendarEventRequest request) {
    return events.create(userId, request, idempotencyKey);
  }
}
