package org.smartassistant.common.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Registers a Telegram user. A missing {@code timezone} or {@code language} takes the global
 * default of the settings.
 */
public record CreateUserRequest(
    @NotNull @Positive Long telegramId,
    @Size(max = 64) String username,
    @Size(max = 128) String firstName,
    @Size(max = 128) String preferredName,
    @Size(max = 64) String timezone,
    @Size(max = 16) String language) {

  public static CreateUserRequest of(long telegramId, String username, String firstName) {
    return new CreateUserRequest(telegramId, username, firstName, null, null, null);
  }
}
