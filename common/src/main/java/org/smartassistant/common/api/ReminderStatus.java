package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Where a reminder is in its life. Only {@code active} reminders are scheduled; {@code completed},
 * {@code cancelled} and {@code missed} are final.
 */
public enum ReminderStatus {
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("paused")
  PAUSED,
  @JsonProperty("completed")
  COMPLETED,
  @JsonProperty("cancelled")
  CANCELLED,
  @JsonProperty("missed")
  MISSED
}
