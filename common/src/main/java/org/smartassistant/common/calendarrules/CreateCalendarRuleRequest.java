package org.smartassistant.common.calendarrules;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new calendar reminder rule of a user ({@code POST /api/users/{id}/calendar-rules}). */
public record CreateCalendarRuleRequest(
    @NotNull @Min(0) @Max(CreateCalendarRuleRequest.MAX_MINUTES_BEFORE) Integer minutesBefore,
    @Size(max = CreateCalendarRuleRequest.MAX_FILTER_LENGTH) String titleFilter) {

  /** One week. */
  public static final int MAX_MINUTES_BEFORE = 10_080;

  public static final int MAX_FILTER_LENGTH = 200;
}
