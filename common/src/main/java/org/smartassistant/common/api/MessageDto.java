package org.smartassistant.common.api;

import java.time.Instant;
import java.util.UUID;

/** One message of a user's conversation history (the durable copy). */
public record MessageDto(
    Long id, Long userId, UUID assistantId, MessageRole role, String content, Instant createdAt) {}
