package org.smartassistant.common.api;

import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled reminder. One-time reminders have {@code triggerAt}; recurring ones a 5-field {@code
 * cronExpression} (minute hour day-of-month month day-of-week) evaluated in {@code timezone}.
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
    Instant updatedAt) {}
