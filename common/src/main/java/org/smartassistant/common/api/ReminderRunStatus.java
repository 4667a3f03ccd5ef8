package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of one firing of a reminder. */
public enum ReminderRunStatus {
  @JsonProperty("delivered")
  DELIVERED,
  /** Delivered after its time because the scheduler was down, within the allowed lateness. */
  @JsonProperty("late")
  LATE,
  /** Too late to deliver; the user is told once. */
  @JsonProperty("missed")
  MISSED,
  @JsonProperty("failed")
  FAILED,
  /**
   * Not delivered: either the reminder's user is blocked (nothing reaches the user), or the run was
   * missed during a downtime and the reminder's {@link MissedRunPolicy} is {@code skip} (the user
   * gets one note that it was skipped). It counts neither as late nor as missed.
   */
  @JsonProperty("skipped")
  SKIPPED
}
