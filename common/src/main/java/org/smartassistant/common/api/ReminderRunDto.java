package org.smartassistant.common.api;

import java.time.Instant;
import java.util.UUID;

/** One firing of a reminder, unique per reminder and {@code scheduledFor}. */
public record ReminderRunDto(
    Long id,
    UUID reminderId,
    Instant scheduledFor,
    Instant firedAt,
    ReminderRunStatus status,
    String detail,
    Instant createdAt) {}
