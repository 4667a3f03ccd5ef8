package org.smartassistant.tgbot.commands;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.springframework.stereotype.Component;

/** {@code /reminders}: the user's active reminders with their next time in the user's zone. */
@Component
class RemindersCommand implements Command {

  private static final int SHOWN = 50;
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final RestServiceClient rest;
  private final ChatMessages messages;

  RemindersCommand(RestServiceClient rest, ChatMessages messages) {
    this.rest = rest;
    this.messages = messages;
  }

  @Override
  public String name() {
    return "reminders";
  }

  @Override
  public String description() {
    return "List your active reminders";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    PageDto<ReminderDto> page =
        rest.reminders(request.user().id(), ReminderStatus.ACTIVE, null, 0, SHOWN);
    messages.send(request.chatId(), text(page, request.user().timezone()));
  }

  static String text(PageDto<ReminderDto> page, String userZone) {
    if (page.items().isEmpty()) {
      return "You have no active reminders. Just tell me what to remind you of, e.g. “remind me"
          + " tomorrow at 9 to call mum”.";
    }
    StringBuilder text = new StringBuilder("**Your active reminders**\n");
    for (ReminderDto reminder : page.items()) {
      String zone = reminder.timezone() != null ? reminder.timezone() : userZone;
      text.append("\n• ").append(TelegramMarkdown.escape(reminder.text())).append(" — ");
      Instant next =
          reminder.nextTriggerAt() != null ? reminder.nextTriggerAt() : reminder.triggerAt();
      if (reminder.type() == ReminderType.RECURRING) {
        text.append("repeats (`").append(reminder.cronExpression()).append("`)");
        if (next != null) {
          text.append(", next ").append(format(next, zone));
        }
      } else {
        text.append(next == null ? "time not set" : format(next, zone));
      }
    }
    long more = page.totalElements() - page.items().size();
    if (more > 0) {
      text.append("\n\n…and ").append(more).append(" more.");
    }
    return text.toString();
  }

  private static String format(Instant instant, String zone) {
    try {
      return WHEN.format(instant.atZone(ZoneId.of(zone)));
    } catch (DateTimeException | NullPointerException unknownZone) {
      return WHEN.format(instant.atZone(ZoneId.of("UTC"))) + " UTC";
    }
  }
}
