package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A configured assistant: a secretary that users talk to, or a sub-assistant a tool delegates to.
 * {@code instructions} is the system prompt; the assistant service adds the date, time and user.
 * {@code acceptsImages} says whether its model takes images as input (photos sent by users).
 */
public record AssistantDto(
    UUID id,
    String name,
    String description,
    @JsonProperty("isSecretary") Boolean isSecretary,
    LlmProvider provider,
    String model,
    String instructions,
    String startupMessage,
    Double temperature,
    @JsonProperty("isActive") Boolean isActive,
    Instant createdAt,
    Instant updatedAt,
    Boolean acceptsImages) {

  /** An assistant whose model is not known to take images. */
  public AssistantDto(
      UUID id,
      String name,
      String description,
      Boolean isSecretary,
      LlmProvider provider,
      String model,
      String instructions,
      String startupMessage,
      Double temperature,
      Boolean isActive,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        name,
        description,
        isSecretary,
        provider,
        model,
        instructions,
        startupMessage,
        temperature,
        isActive,
        createdAt,
        updatedAt,
        null);
  }

  /** Whether photos may be given to its model as images. */
  public boolean takesImages() {
    return Boolean.TRUE.equals(acceptsImages);
  }
}
