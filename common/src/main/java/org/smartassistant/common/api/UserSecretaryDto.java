package org.smartassistant.common.api;

import java.time.Instant;

/**
 * The secretary a user talks to: the one assigned to the user, or else the global default of the
 * settings ({@code source = default}, {@code assignedAt} null).
 */
public record UserSecretaryDto(
    Long userId, AssistantDto assistant, SecretarySource source, Instant assignedAt) {}
