package org.smartassistant.assistant.tools.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import org.smartassistant.assistant.tools.ToolFamily;
import org.smartassistant.assistant.tools.ToolTurn;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.assistant.tools.calendar.LocalTimes.DateOrTime;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The {@code calendar_list} and {@code calendar_create} tools: the user's Google Calendar through
 * calendar-service, with every date and time read and written in the user's zone. The user is the
 * one of the tool context, never one the model names. A user who has not connected Google (or whose
 * access Google withdrew) gets a fresh consent link for the model to pass on; bad input and
 * failures are answered with a sentence, never an exception.
 */
@Component
public class CalendarTools implements ToolFamily {

  /** Days listed when the model gives no end: today and the seven days after it. */
  static final int DEFAULT_DAYS = 8;

  /** calendar-service lists at most this long a period. */
  static final Duration MAX_PERIOD = Duration.ofDays(366);

  private final Optional<CalendarServiceClient> calendar;
  private final Clock clock;

  /**
   * @param calendar absent when no calendar-service is configured ({@code CALENDAR_SERVICE_URL})
   */
  CalendarTools(Optional<CalendarServiceClient> calendar, Clock clock) {
    this.calendar = calendar;
    this.clock = clock;
  }

  @Tool(
      name = "calendar_list",
      description =
          "Lists the events of the user's Google Calendar in a period given in the user's local"
              + " time; without dates, today and the next 7 days. If the calendar is not"
              + " connected, the answer contains a link that the user must open.")
  public String list(
      @ToolParam(
              required = false,
              description =
                  "Start of the period in the user's time zone: a date (YYYY-MM-DD) for the whole"
                      + " day, or a local date-time (YYYY-MM-DDTHH:MM); empty for today")
          String from,
      @ToolParam(
              required = false,
              description =
                  "End of the period in the user's time zone: the last day included"
                      + " (YYYY-MM-DD), or a local date-time (YYYY-MM-DDTHH:MM); empty for 7 days"
                      + " after the start day")
          String to,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    ZoneId zone = user.zone();
    ZonedDateTime start;
    if (EventDrafts.blank(from)) {
      start = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone);
    } else {
      DateOrTime parsed = LocalTimes.parse(from, zone);
      if (parsed == null) {
        return EventDrafts.unreadable("from", from, zone);
      }
      start =
          parsed.isDate()
              ? parsed.date().atStartOfDay(zone)
              : LocalTimes.at(parsed.dateTime(), zone);
    }
    ZonedDateTime end;
    if (EventDrafts.blank(to)) {
      end = start.toLocalDate().plusDays(DEFAULT_DAYS).atStartOfDay(zone);
    } else {
      DateOrTime parsed = LocalTimes.parse(to, zone);
      if (parsed == null) {
        return EventDrafts.unreadable("to", to, zone);
      }
      // a date names the last day wanted, so the period runs to the end of it
      end =
          parsed.isDate()
              ? parsed.date().plusDays(1).atStartOfDay(zone)
              : LocalTimes.at(parsed.dateTime(), zone);
    }
    if (!end.isAfter(start)) {
      return "The end of the period ("
          + EventDrafts.HUMAN.format(end)
          + ") is not after its start ("
          + EventDrafts.HUMAN.format(start)
          + "). Give the start first and the end after it.";
    }
    if (Duration.between(start, end).compareTo(MAX_PERIOD) > 0) {
      return "That period is longer than a year; ask for at most 366 days at a time.";
    }
    if (calendar.isEmpty()) {
      return CalendarFailures.NOT_CONFIGURED;
    }
    List<CalendarEventDto> events;
    try {
      events = calendar.get().events(user.userId(), start.toInstant(), end.toInstant());
    } catch (RestClientException e) {
      return new CalendarFailures(calendar.get()).explain(e, user.userId(), "reading the calendar");
    }
    return EventDescriptions.list(events, start, end, zone);
  }

  @Tool(
      name = "calendar_create",
      description =
          "Adds an event to the user's Google Calendar. Times are local times in the user's time"
              + " zone. A timed event lasts one hour unless an end is given; a date without a"
              + " time makes an all-day event. If the calendar is not connected, the answer"
              + " contains a link that the user must open.")
  public String create(
      @ToolParam(description = "Title of the event, e.g. 'Lunch with Anna'") String title,
      @ToolParam(
              description =
                  "Start in the user's time zone: a local date-time (YYYY-MM-DDTHH:MM), or a date"
                      + " (YYYY-MM-DD) for an all-day event")
          String start,
      @ToolParam(
              required = false,
              description =
                  "End in the user's time zone: a local date-time (YYYY-MM-DDTHH:MM) or a time"
                      + " (HH:MM) on the start day; for an all-day event the last day included"
                      + " (YYYY-MM-DD). Empty: one hour, or one day when all-day")
          String end,
      @ToolParam(
              required = false,
              description = "true for an all-day event; empty to decide by the form of start")
          Boolean allDay,
      @ToolParam(required = false, description = "Notes for the event") String description,
      @ToolParam(required = false, description = "Where it takes place") String location,
      ToolContext context) {
    ToolUser user = ToolUser.from(context);
    ZoneId zone = user.zone();
    if (EventDrafts.blank(title)) {
      return "An event needs a title. Ask the user what to call it.";
    }
    if (EventDrafts.blank(start)) {
      return "An event needs a start: a local date-time such as 2026-11-27T13:00, or a date such"
          + " as 2026-11-27 for an all-day event.";
    }
    DateOrTime first = LocalTimes.parse(start, zone);
    if (first == null) {
      return EventDrafts.unreadable("start", start, zone);
    }
    boolean wholeDays = allDay == null ? first.isDate() : allDay;
    EventDrafts.Draft draft =
        wholeDays ? EventDrafts.allDay(first, end, zone) : EventDrafts.timed(first, end, zone);
    if (draft.problem() != null) {
      return draft.problem();
    }
    if (calendar.isEmpty()) {
      return CalendarFailures.NOT_CONFIGURED;
    }
    CreateCalendarEventRequest request =
        new CreateCalendarEventRequest(
            title.strip(),
            draft.start() == null ? null : draft.start().toInstant(),
            draft.end() == null ? null : draft.end().toInstant(),
            draft.startDate(),
            draft.endDate(),
            ianaName(zone),
            EventDrafts.blank(description) ? null : description.strip(),
            EventDrafts.blank(location) ? null : location.strip(),
            wholeDays);
    CalendarEventDto created;
    try {
      created = calendar.get().createEvent(user.userId(), ToolTurn.nextKey(context), request);
    } catch (RestClientException e) {
      return new CalendarFailures(calendar.get()).explain(e, user.userId(), "adding the event");
    }
    return EventDescriptions.created(created, zone) + draft.note();
  }

  /**
   * The IANA name Google shows the event in; a bare offset is no such name, so UTC is named and
   * other offsets leave the zone to the calendar's own (the instants are right either way).
   */
  static String ianaName(ZoneId zone) {
    if (zone instanceof ZoneOffset offset) {
      return offset.getTotalSeconds() == 0 ? "UTC" : null;
    }
    return zone.getId();
  }
}
