package org.smartassistant.tgbot.commands;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/** {@code /calendar}: a link to connect the user's Google Calendar, from calendar-service. */
@Component
class CalendarCommand implements Command {

  private static final Logger log = LoggerFactory.getLogger(CalendarCommand.class);

  static final String NOT_CONFIGURED =
      "Google Calendar is not set up on this assistant yet. Ask its owner to configure it.";
  static final String UNAVAILABLE =
      "I can't reach the calendar service right now. Please try /calendar again in a few minutes.";

  private final ObjectProvider<CalendarServiceClient> calendar;
  private final ChatMessages messages;

  CalendarCommand(ObjectProvider<CalendarServiceClient> calendar, ChatMessages messages) {
    this.calendar = calendar;
    this.messages = messages;
  }

  @Override
  public String name() {
    return "calendar";
  }

  @Override
  public String description() {
    return "Connect your Google Calendar";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    messages.send(request.chatId(), text(request.user().id()));
  }

  private String text(long userId) {
    CalendarServiceClient client = calendar.getIfAvailable();
    if (client == null) {
      return NOT_CONFIGURED;
    }
    try {
      String url = client.authUrl(userId).authUrl();
      return "To connect your Google Calendar, open this link and allow access:\n\n"
          + "[Connect Google Calendar](<"
          + url
          + ">)\n\nThe link works once and expires in a few minutes.";
    } catch (RestClientResponseException e) {
      Optional<CalendarErrorCode> code = CalendarErrorCode.of(e);
      if (code.isPresent() && code.get() == CalendarErrorCode.NOT_CONFIGURED) {
        return NOT_CONFIGURED;
      }
      log.warn(
          "calendar-service refused an authorisation link for user {}: {}", userId, e.getMessage());
      return UNAVAILABLE;
    } catch (RestClientException e) {
      log.warn("calendar-service is unreachable: {}", e.getMessage());
      return UNAVAILABLE;
    }
  }
}
