package org.smartassistant.tgbot.commands;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.users.KnownUser;
import org.smartassistant.tgbot.users.TelegramUsers;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * {@code /timezone Area/City}: sets the user's IANA time zone (any case, spaces for underscores);
 * without an argument it tells the current one.
 */
@Component
class TimezoneCommand implements Command {

  private static final DateTimeFormatter LOCAL_TIME =
      DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);

  /** The zone ids by lower-case name, for forgiving matching of what users type. */
  private static final Map<String, String> ZONES = new HashMap<>();

  static {
    for (String id : ZoneId.getAvailableZoneIds()) {
      ZONES.put(id.toLowerCase(Locale.ROOT), id);
    }
  }

  private final TelegramUsers users;
  private final ChatMessages messages;
  private final Clock clock;

  TimezoneCommand(TelegramUsers users, ChatMessages messages, Clock clock) {
    this.users = users;
    this.messages = messages;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "timezone";
  }

  @Override
  public String description() {
    return "Set your time zone, e.g. /timezone Europe/Berlin";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    KnownUser user = request.user();
    if (request.arguments().isEmpty()) {
      messages.send(
          request.chatId(),
          "Your time zone is **"
              + TelegramMarkdown.escape(user.timezone())
              + "** (there it is "
              + localTime(user.timezone())
              + ").\n\nTo change it, send /timezone with a zone name, e.g. `/timezone Europe/Berlin`"
              + " or `/timezone America/New_York`.");
      return;
    }
    Optional<String> zone = zoneId(request.arguments());
    if (zone.isEmpty()) {
      messages.send(request.chatId(), unknownZone(request.arguments()));
      return;
    }
    try {
      users.changeTimezone(user, zone.get());
    } catch (HttpClientErrorException.BadRequest rejected) {
      messages.send(request.chatId(), unknownZone(request.arguments()));
      return;
    }
    messages.send(
        request.chatId(),
        "Done: your time zone is now **"
            + TelegramMarkdown.escape(zone.get())
            + "** (local time "
            + localTime(zone.get())
            + ").");
  }

  /** The canonical IANA id for what the user typed, if it names one. */
  static Optional<String> zoneId(String typed) {
    String normalized = typed.strip().replace(' ', '_').toLowerCase(Locale.ROOT);
    String id = ZONES.get(normalized);
    if (id == null) {
      return Optional.empty();
    }
    try {
      ZoneId.of(id);
      return Optional.of(id);
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static String unknownZone(String typed) {
    return "I don't know the time zone “"
        + TelegramMarkdown.escape(typed)
        + "”. Please use an IANA zone name such as `Europe/Berlin`, `Asia/Tokyo` or"
        + " `America/New_York`.";
  }

  private String localTime(String zone) {
    try {
      return LOCAL_TIME.format(clock.instant().atZone(ZoneId.of(zone)));
    } catch (DateTimeException | NullPointerException unknown) {
      return "unknown";
    }
  }
}
