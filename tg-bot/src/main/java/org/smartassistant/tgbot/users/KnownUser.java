package org.smartassistant.tgbot.users;

import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;

/**
 * What the bot needs to know of a rest-service user.
 *
 * @param id the rest-service user id (the envelope's {@code userId})
 * @param telegramId the Telegram user id
 * @param status active, or blocked (by the operator, or because the user blocked the bot)
 * @param timezone the user's IANA zone
 */
public record KnownUser(long id, long telegramId, UserStatus status, String timezone) {

  static KnownUser of(UserDto user) {
    return new KnownUser(
        user.id(),
        user.telegramId(),
        user.status() == null ? UserStatus.ACTIVE : user.status(),
        user.timezone());
  }

  public boolean blocked() {
    return status == UserStatus.BLOCKED;
  }
}
