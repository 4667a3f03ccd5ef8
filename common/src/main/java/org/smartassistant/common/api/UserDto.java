package org.smartassistant.common.api;

import java.time.Instant;

/** A user as rest-service returns it; {@code timezone} is an IANA zone name. */
public record UserDto(
    Long id,
    Long telegramId,
    String username,
    String firstName,
    String preferredName,
    String timezone,
    String language,
    UserStatus status,
    Instant createdAt,
    Instant updatedAt) {}
