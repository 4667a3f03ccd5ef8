package org.smartassistant.common.calendarrules;

import java.time.Instant;
import java.util.UUID;

/**
 * A calendar reminder rule: a one-time reminder {@code minutesBefore} each of the user's calendar
 * events whose title contains {@code titleFilter} (case-insensitive; null = every event).
 */
public record CalendarRuleDto(
    UUID id, Long userId, int minutesBefore, String titleFilter, Instant createdAt) {}
