package org.smartassistant.tgbot.groups;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Group chats the bot answers in ({@code smart.telegram.groups.*}, docs/telegram.md).
 *
 * @param allowedIds the Telegram chat ids (negative) of the groups the bot may answer in ({@code
 *     TELEGRAM_ALLOWED_GROUP_IDS}, comma-separated); none by default
 */
@ConfigurationProperties("smart.telegram.groups")
public record GroupProperties(@DefaultValue Set<Long> allowedIds) {

  public GroupProperties {
    allowedIds = allowedIds == null ? Set.of() : Set.copyOf(allowedIds);
  }

  public boolean allows(long chatId) {
    return allowedIds.contains(chatId);
  }
}
