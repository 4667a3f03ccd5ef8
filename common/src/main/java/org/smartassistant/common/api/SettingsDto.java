package org.smartassistant.common.api;

import java.time.Instant;
import java.util.UUID;

/**
 * Global defaults: the time zone and language of new users, how many recent messages make the
 * conversation window, and the secretary of users who have not chosen one.
 */
public record SettingsDto(
    String defaultTimezone,
    String defaultLanguage,
    Integer historyWindow,
    UUID defaultSecretaryId,
    Instant updatedAt) {}
