package org.smartassistant.common.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Keeps one fact about a user, in their own words or the assistant's ("Her daughter is Mia"). */
public record SaveMemoryRequest(
    @NotBlank @Size(max = SaveMemoryRequest.MAX_LENGTH) String content) {

  /** The longest fact kept, in characters. */
  public static final int MAX_LENGTH = 1000;
}
