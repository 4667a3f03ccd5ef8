package org.smartassistant.common.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled reminder. One-time reminders have {@code triggerAt}; recurring ones a 5-field {@code
 * cronExpression} (minute hour day-of-month month day-of-week) evaluated in {@code timezone}.
 * {@code missedRunPolicy} says what becomes of a run the scheduler could not fire on time (null
 * from a rest-service that predates it: {@code deliver_late}).
 */
public record ReminderDto(
    UUID id,
    Long userId,
    UUID assistantId,
    ReminderType type,
    Instant triggerAt,
    String cronExpression,
    String timezone,
    String text,
    ReminderStatus status,
    Instant lastTriggeredAt,
    Instant nextTriggerAt,
    Instant createdAt,
    Instant updatedAt,
    MissedRunPolicy missedRunPolicy) {}
