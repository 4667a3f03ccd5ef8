package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Changes the given fields of an assistant; a null field is left as it is. */
public record UpdateAssistantRequest(
    @Size(max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
    @Size(max = 1000) String description,
    @JsonProperty("isSecretary") Boolean isSecretary,
    LlmProvider provider,
    @Size(max = 100) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String model,
    @Size(max = 50000) String instructions,
    @Size(max = 4000) String startupMessage,
    @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
    @JsonProperty("isActive") Boolean isActive,
    Boolean acceptsImages) {

  /** Without {@code acceptsImages} (left as it is). */
  public UpdateAssistantRequest(
      String name,
      String description,
      Boolean isSecretary,
      LlmProvider provider,
      String model,
      String instructions,
      String startupMessage,
      Double temperature,
      Boolean isActive) {
    this(
        name,
        description,
        isSecretary,
        provider,
        model,
        instructions,
        startupMessage,
        temperature,
        isActive,
        null);
  }
}
