package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.UUID;

/**
 * A configured assistant: a secretary that users talk to, or a sub-assistant a tool delegates to.
 * {@code instructions} is the system prompt; the assistant service adds the date, time and user.
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
    Instant updatedAt) {}
