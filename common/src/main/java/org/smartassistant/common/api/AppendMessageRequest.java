package org.smartassistant.common.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Appends one message to a user's history. */
public record AppendMessageRequest(
    UUID assistantId, @NotNull MessageRole role, @NotNull @Size(max = 100000) String content) {}
