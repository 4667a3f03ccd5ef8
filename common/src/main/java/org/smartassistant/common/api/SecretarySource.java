package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an assistant is a user's secretary: chosen for the user, or the global default. */
public enum SecretarySource {
  @JsonProperty("assigned")
  ASSIGNED,
  @JsonProperty("default")
  DEFAULT
}
