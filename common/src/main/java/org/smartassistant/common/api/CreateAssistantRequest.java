package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Creates an assistant. Missing {@code provider}/{@code model} take the configured defaults, {@code
 * isSecretary} defaults to false and {@code isActive} to true; a null temperature leaves it to the
 * provider.
 */
public record CreateAssistantRequest(
    @NotBlank @Size(max = 100) String name,
    @Size(max = 1000) String description,
    @JsonProperty("isSecretary") Boolean isSecretary,
    LlmProvider provider,
    @Size(max = 100) String model,
    @Size(max = 50000) String instructions,
    @Size(max = 4000) String startupMessage,
    @DecimalMin("0.0") @DecimalMax("2.0") Double temperature,
    @JsonProperty("isActive") Boolean isActive,
    Boolean acceptsImages) {

  /** Without {@code acceptsImages} (false on creation). */
  public CreateAssistantRequest(
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
