package org.smartassistant.tgbot.groups;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Who the bot is in Telegram, to tell whether a group message speaks to it: its user id and
 * username, asked once with {@code getMe} and kept (until then the id is the digits of the token
 * before the colon, which Telegram makes the bot's id).
 */
@Component
public class BotIdentity {

  private static final Logger log = LoggerFactory.getLogger(BotIdentity.class);

  private final TelegramClient client;
  private final long tokenId;
  private volatile long id;
  private volatile String username;

  BotIdentity(TelegramClient client, TelegramProperties properties) {
    this.client = client;
    long parsed;
    try {
      parsed = Long.parseLong(properties.botId());
    } catch (NumberFormatException noToken) {
      parsed = 0;
    }
    this.tokenId = parsed;
  }

  /** The bot's Telegram user id, or 0 when neither Telegram nor the token told it. */
  public long id() {
    return id != 0 ? id : tokenId;
  }

  /**
   * The bot's username without the {@code @}, asked of Telegram on first use.
   *
   * @throws TelegramApiException when Telegram cannot tell it now (asked again next time)
   */
  public String username() throws TelegramApiException {
    String known = username;
    if (known == null) {
      User me = client.execute(new GetMe());
      known = me.getUserName() == null ? "" : me.getUserName();
      id = me.getId();
      username = known;
      log.info("the bot is @{} (id {})", known, me.getId());
    }
    return known;
  }

  /** Whether the Telegram user is this bot. */
  public boolean is(User user) {
    return user != null && Boolean.TRUE.equals(user.getIsBot()) && user.getId() == id();
  }
}
