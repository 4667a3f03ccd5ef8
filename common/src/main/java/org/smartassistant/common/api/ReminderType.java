package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A one-time reminder fires once at {@code triggerAt}; a recurring one follows a 5-field cron
 * expression in its time zone.
 */
public enum ReminderType {
  @JsonProperty("one_time")
  ONE_TIME,
  @JsonProperty("recurring")
  RECURRING
}
