package org.smartassistant.tgbot.access;

import java.util.Set;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.smartassistant.tgbot.telegram.TelegramProperties.AccessMode;
import org.springframework.stereotype.Component;

/** Who may talk to the bot: the allowlist of Telegram user ids (the default), or anyone. */
@Component
public class AccessPolicy {

  private final AccessMode mode;
  private final Set<Long> allowed;

  AccessPolicy(TelegramProperties properties) {
    this.mode = properties.accessMode();
    this.allowed = properties.allowedUserIds();
  }

  public boolean allows(long telegramUserId) {
    return mode == AccessMode.OPEN || allowed.contains(telegramUserId);
  }

  public AccessMode mode() {
    return mode;
  }

  public int allowedCount() {
    return allowed.size();
  }
}
