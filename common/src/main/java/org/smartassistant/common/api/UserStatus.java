package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether a user may talk to the assistant. */
public enum UserStatus {
  @JsonProperty("active")
  ACTIVE,
  @JsonProperty("blocked")
  BLOCKED
}
