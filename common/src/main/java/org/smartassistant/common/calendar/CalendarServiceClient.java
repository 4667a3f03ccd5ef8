package org.smartassistant.common.calendar;

import java.time.Instant;
import java.util.List;
import org.smartassistant.common.api.IdempotencyKey;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The typed client of calendar-service (docs/calendar.md). Built by {@code ServiceClients.create},
 * it adds the internal token, timeouts and retries. Error answers are thrown as {@code
 * RestClientResponseException}s; {@link CalendarErrorCode#of} tells "not connected" and
 * "reauthorize" apart, in both cases the caller offers the user a fresh {@link #authUrl} link.
 */
@HttpExchange
public interface CalendarServiceClient {

  /** A Google consent link for the user; it expires (default 10 minutes) and works once. */
  @GetExchange("/auth/url/{userId}")
  AuthUrlResponse authUrl(@PathVariable long userId);

  /**
   * The user's events that overlap {@code [from, to)}, ordered by start; null bounds mean now and
   * now + 7 days.
   */
  @GetExchange("/events/{userId}")
  List<CalendarEventDto> events(
      @PathVariable long userId,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to);

  /** Creates an event in the user's primary calendar and returns it as Google stored it. */
  @PostExchange("/events/{userId}")
  CalendarEventDto createEvent(
      @PathVariable long userId, @RequestBody CreateCalendarEventRequest request);

  /**
   * Creates the event at most once per key and user: the same key again answers the event created
   * the first time. With a key the call is retried on 5xx; a null key sends none.
   */
  @PostExchange("/events/{userId}")
  CalendarEventDto createEvent(
      @PathVariable long userId,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @RequestBody CreateCalendarEventRequest request);
}
