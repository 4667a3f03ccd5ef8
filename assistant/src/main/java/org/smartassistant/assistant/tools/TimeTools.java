package org.smartassistant.assistant.tools;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;

/** The {@code time} tool: the current date, time and weekday in the user's zone or a named one. */
@Component
class TimeTools implements ToolFamily {

  static final DateTimeFormatter HUMAN =
      DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu, HH:mm", Locale.ENGLISH);

  private final Clock clock;

  TimeTools(Clock clock) {
    this.clock = clock;
  }

  @Tool(
      name = "time",
      description =
          "Tells the current date, time and weekday in a time zone; without a zone, in the"
              + " user's own.")
  public String time(
      @ToolParam(
              required = false,
              description =
                  "IANA time zone, e.g. Europe/Paris or America/New_York; empty for the user's"
                      + " own zone")
          String timezone,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    ZoneId zone;
    if (timezone == null || timezone.isBlank()) {
      zone = user.zone();
    } else {
      try {
        zone = ZoneId.of(timezone.trim(), ZoneId.SHORT_IDS);
      } catch (DateTimeException e) {
        return "'"
            + timezone
            + "' is not a time zone I know. Use an IANA name such as Europe/Berlin,"
            + " America/New_York or Asia/Tokyo.";
      }
    }
    return describe(ZonedDateTime.now(clock.withZone(zone)));
  }

  /** E.g. "Tuesday, 24 November 2026, 14:05 in Europe/Paris (UTC+01:00)". */
  static String describe(ZonedDateTime now) {
    return HUMAN.format(now)
        + " in "
        + now.getZone().getId()
        + " (UTC"
        + (now.getOffset().getTotalSeconds() == 0 ? "" : now.getOffset().getId())
        + ")";
  }
}
