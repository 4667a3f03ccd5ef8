package org.smartassistant.common.api;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * Changes the given fields of a reminder; a null field is left as it is. The type cannot change.
 * Status changes must follow the allowed transitions (409 otherwise).
 */
public record UpdateReminderRequest(
    UUID assistantId,
    Instant triggerAt,
    @Size(max = 120) String cronExpression,
    @Size(max = 64) String timezone,
    @Size(max = 4000) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String text,
    ReminderStatus status,
    Instant lastTriggeredAt,
    Instant nextTriggerAt,
    MissedRunPolicy missedRunPolicy) {

  public static UpdateReminderRequest status(ReminderStatus status) {
    return new UpdateReminderRequest(null, null, null, null, null, status, null, null, null);
  }
}
