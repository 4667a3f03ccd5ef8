package org.smartassistant.common.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/**
 * Creates an active reminder. {@code one_time} needs {@code triggerAt} and no cron; {@code
 * recurring} needs a 5-field {@code cronExpression} and no {@code triggerAt}. A missing {@code
 * timezone} takes the user's; a missing {@code missedRunPolicy} is {@code deliver_late}.
 */
public record CreateReminderRequest(
    @NotNull Long userId,
    UUID assistantId,
    @NotNull ReminderType type,
    Instant triggerAt,
    @Size(max = 120) String cronExpression,
    @Size(max = 64) String timezone,
    @NotBlank @Size(max = 4000) String text,
    MissedRunPolicy missedRunPolicy) {

  public static CreateReminderRequest oneTime(long userId, Instant triggerAt, String text) {
    return new CreateReminderRequest(
        userId, null, ReminderType.ONE_TIME, triggerAt, null, null, text, null);
  }

  public static CreateReminderRequest recurring(
      long userId, String cronExpression, String timezone, String text) {
    return new CreateReminderRequest(
        userId, null, ReminderType.RECURRING, null, cronExpression, timezone, text, null);
  }

  /** The same request with the given missed-run policy. */
  public CreateReminderRequest withMissedRunPolicy(MissedRunPolicy policy) {
    return new CreateReminderRequest(
        userId, assistantId, type, triggerAt, cronExpression, timezone, text, policy);
  }
}
