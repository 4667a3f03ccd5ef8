package org.smartassistant.common.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Registers a Telegram user. A missing {@code timezone} or {@code language} takes the global
 * default of the settings. A Telegram group chat is registered the same way, under its (negative)
 * chat id: the group's conversation then has an owner of its own (docs/telegram.md).
 */
public record CreateUserRequest(
    @NotNull Long telegramId,
    @Size(max = 64) String username,
    @Size(max = 128) String firstName,
    @Size(max = 128) String preferredName,
    @Size(max = 64) String timezone,
    @Size(max = 16) String language) {

  /** A person's id (positive) or a group chat's (negative); never 0. */
  @JsonIgnore
  @AssertTrue(message = "must not be 0")
  public boolean isTelegramIdValid() {
    return telegramId == null || telegramId != 0;
  }

  public static CreateUserRequest of(long telegramId, String username, String firstName) {
    return new CreateUserRequest(telegramId, username, firstName, null, null, null);
  }
}
