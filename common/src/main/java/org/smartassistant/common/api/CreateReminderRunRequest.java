package org.smartassistant.common.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Records a firing. A second run for the same {@code scheduledFor} is refused with 409, which makes
 * recording idempotent for the scheduler. A missing {@code firedAt} means now.
 */
public record CreateReminderRunRequest(
    @NotNull Instant scheduledFor,
    Instant firedAt,
    @NotNull ReminderRunStatus status,
    @Size(max = 2000) String detail) {}
