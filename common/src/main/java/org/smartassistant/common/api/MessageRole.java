package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Who said a message of the conversation history. */
public enum MessageRole {
  @JsonProperty("user")
  USER,
  @JsonProperty("assistant")
  ASSISTANT,
  /** Notes kept for the model, e.g. a summary of older turns. */
  @JsonProperty("system")
  SYSTEM,
  @JsonProperty("tool")
  TOOL
}
