package org.smartassistant.common.api;

import java.time.Instant;

/** A fact kept about a user across conversations (long-term memory). */
public record MemoryDto(Long id, Long userId, String content, Instant createdAt) {}
