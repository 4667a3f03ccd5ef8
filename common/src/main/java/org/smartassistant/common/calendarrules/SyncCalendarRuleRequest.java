package org.smartassistant.common.calendarrules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * The user's calendar events that start in {@code [from, to)}, as calendar-service listed them: the
 * rule's reminders of events starting in that window are made to match exactly these events ({@code
 * PUT /api/calendar-rules/{id}/reminders}).
 */
public record SyncCalendarRuleRequest(
    @NotNull Instant from,
    @NotNull Instant to,
    @NotNull @Size(max = SyncCalendarRuleRequest.MAX_EVENTS) List<@Valid @NotNull Event> events) {

  /** As many as calendar-service lists in one call. */
  public static final int MAX_EVENTS = 500;

  /** One event: Google's id, its title and when it starts. */
  public record Event(
      @NotBlank @Size(max = 1024) String eventId,
      @Size(max = 1024) String title,
      @NotNull Instant start) {}
}
