package org.smartassistant.assistant.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.tools.calendar.FakeCalendarService.Answer;
import org.smartassistant.assistant.tools.calendar.FakeCalendarService.Received;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendar.CalendarServiceClientProperties;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.smartassistant.common.restclient.ServiceClients;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.support.ToolCallbacks;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The calendar tools through the real calendar-service client against a stand-in of its endpoints.
 * The user is user 42 in Europe/Berlin; "now" is Tuesday 24 November 2026, 09:30 there.
 */
class CalendarToolsTest {

  static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");
  static final long USER = 42;
  static final ToolContext BERLIN =
      new ToolContext(Map.of("userId", USER, "chatId", 4200L, "timezone", "Europe/Berlin"));

  FakeCalendarService service;
  CalendarTools tools;

  @BeforeEach
  void start() {
    service = new FakeCalendarService();
    tools = toolsAt(service.baseUrl());
  }

  @AfterEach
  void stop() {
    service.close();
  }

  static CalendarTools toolsAt(String url) {
    CalendarServiceClient client =
        ServiceClients.create(
            CalendarServiceClient.class,
            RestClient.builder(),
            new CalendarServiceClientProperties(
                    url,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    0,
                    Duration.ofMillis(10),
                    null,
                    null)
                .toClientProperties(),
            FakeCalendarService.TOKEN);
    return new CalendarTools(Optional.of(client), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static CalendarEventDto timed(String title, String start, String end, String location) {
    return new CalendarEventDto(
        "id-" + title,
        title,
        Instant.parse(start),
        Instant.parse(end),
        false,
        null,
        null,
        "Europe/Berlin",
        location,
        null,
        null);
  }

  static CalendarEventDto allDay(String title, String startDate, String endDate) {
    LocalDate first = LocalDate.parse(startDate);
    LocalDate last = LocalDate.parse(endDate);
    return new CalendarEventDto(
        "id-" + title,
        title,
        first.atStartOfDay(java.time.ZoneId.of("Europe/Berlin")).toInstant(),
        last.atStartOfDay(java.time.ZoneId.of("Europe/Berlin")).toInstant(),
        true,
        first,
        last,
        "Europe/Berlin",
        null,
        null,
        null);
  }

  // ---------------------------------------------------------------- calendar_list

  @Test
  void listsTheEventsOfADayInTheUsersLocalTime() {
    service.answerEvents(
        request ->
            Answer.ok(
                List.of(
                    allDay("Holiday", "2026-11-25", "2026-11-26"),
                    timed("Dentist", "2026-11-25T13:00:00Z", "2026-11-25T14:00:00Z", "Main St 1"),
                    timed("Night train", "2026-11-25T21:30:00Z", "2026-11-26T06:15:00Z", null))));

    String answer = tools.list("2026-11-25", "2026-11-25", BERLIN);

    assertThat(answer)
        .isEqualTo(
            """
            Events in the user's calendar on Wednesday 25 November 2026 (times in Europe/Berlin):
            - Wed 25 Nov, all day: Holiday
            - Wed 25 Nov 14:00–15:00: Dentist (at Main St 1)
            - Wed 25 Nov 22:30 – Thu 26 Nov 07:15: Night train""");
    Received request = service.received().get(0);
    assertThat(request.path()).isEqualTo("/events/42");
    // the whole local day: from Berlin's midnight to the next, as instants
    assertThat(request.query())
        .containsEntry("from", "2026-11-24T23:00:00Z")
        .containsEntry("to", "2026-11-25T23:00:00Z");
  }

  @Test
  void withoutDatesListsTodayAndTheNextSevenDays() {
    String answer = tools.list(null, " ", BERLIN);

    assertThat(answer)
        .isEqualTo(
            "No events in the user's calendar from Tuesday 24 November 2026 to Tuesday 1"
                + " December 2026 inclusive (Europe/Berlin).");
    assertThat(service.received().get(0).query())
        .containsEntry("from", "2026-11-23T23:00:00Z")
        .containsEntry("to", "2026-12-01T23:00:00Z");
  }

  @Test
  void localTimesAcrossTheSpringClockChangeAreConvertedWithTheRightOffsets() {
    // on 28 March 2027 Berlin's clocks jump from 02:00 (UTC+1) to 03:00 (UTC+2)
    tools.list("2027-03-28T01:00", "2027-03-28T04:00", BERLIN);

    assertThat(service.received().get(0).query())
        .containsEntry("from", "2027-03-28T00:00:00Z")
        .containsEntry("to", "2027-03-28T02:00:00Z");
  }

  @Test
  void anEndBeforeTheStartOrAnUnreadableDateIsExplainedAndNothingIsAsked() {
    assertThat(tools.list("2026-11-26", "2026-11-25", BERLIN))
        .startsWith("The end of the period (Thursday 26 November 2026, 00:00) is not after its");
    assertThat(tools.list("next friday", null, BERLIN))
        .isEqualTo(
            "'next friday' (from) is not a date or time I can read. Write dates as YYYY-MM-DD and"
                + " times as YYYY-MM-DDTHH:MM, in the user's time zone (Europe/Berlin).");
    assertThat(tools.list("2026-01-01", "2027-06-01", BERLIN)).contains("longer than a year");
    assertThat(service.received()).isEmpty();
  }

  // ---------------------------------------------------------------- calendar_create

  @Test
  void createsATimedEventInTheUsersZoneLastingAnHourByDefault() {
    String answer =
        tools.create(
            "Lunch with Anna", "2026-11-27T13:00", null, null, null, "Cafe Einstein", BERLIN);

    CreateCalendarEventRequest sent = service.lastCreated();
    assertThat(sent.title()).isEqualTo("Lunch with Anna");
    assertThat(sent.start()).isEqualTo("2026-11-27T12:00:00Z");
    assertThat(sent.end()).isEqualTo("2026-11-27T13:00:00Z");
    assertThat(sent.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(sent.allDay()).isFalse();
    assertThat(sent.startDate()).isNull();
    assertThat(sent.location()).isEqualTo("Cafe Einstein");
    assertThat(service.received().get(0).path()).isEqualTo("/events/42");
    assertThat(answer)
        .isEqualTo(
            "Created \"Lunch with Anna\" in the user's Google Calendar: Friday 27 November 2026,"
                + " 13:00–14:00 (Europe/Berlin), at Cafe Einstein. Link:"
                + " https://www.google.com/calendar/event?eid=evt1");
  }

  @Test
  void summerTimesGetTheSummerOffsetAndAnEndTimeIsOnTheStartDay() {
    String answer =
        tools.create("Standup", "2027-07-01T09:00", "10:30", false, "Daily", null, BERLIN);

    CreateCalendarEventRequest sent = service.lastCreated();
    assertThat(sent.start()).isEqualTo("2027-07-01T07:00:00Z");
    assertThat(sent.end()).isEqualTo("2027-07-01T08:30:00Z");
    assertThat(sent.description()).isEqualTo("Daily");
    assertThat(answer).contains("Thursday 1 July 2027, 09:00–10:30 (Europe/Berlin)");
  }

  @Test
  void aTimeTheClocksSkipStartsWhenTheClocksGoOnAndTheModelIsTold() {
    String answer = tools.create("Early run", "2027-03-28T02:30", null, null, null, null, BERLIN);

    assertThat(service.lastCreated().start()).isEqualTo("2027-03-28T01:30:00Z");
    assertThat(answer)
        .contains("Sunday 28 March 2027, 03:30–04:30 (Europe/Berlin)")
        .contains("Note: 02:30 does not exist on that day in Europe/Berlin");
  }

  @Test
  void aDateMakesAnAllDayEventAndTheLastDayIsIncluded() {
    String oneDay = tools.create("Christmas Eve", "2026-12-24", null, null, null, null, BERLIN);
    CreateCalendarEventRequest sent = service.lastCreated();
    String threeDays =
        tools.create("Ski trip", "2027-01-08", "2027-01-10", true, null, null, BERLIN);
    CreateCalendarEventRequest trip = service.lastCreated();

    assertThat(sent.allDay()).isTrue();
    assertThat(sent.startDate()).isEqualTo("2026-12-24");
    assertThat(sent.endDate()).isEqualTo("2026-12-25");
    assertThat(sent.start()).isNull();
    assertThat(sent.end()).isNull();
    assertThat(oneDay)
        .startsWith(
            "Created \"Christmas Eve\" in the user's Google Calendar: Thursday 24 December 2026,"
                + " all day.");
    assertThat(trip.startDate()).isEqualTo("2027-01-08");
    assertThat(trip.endDate()).isEqualTo("2027-01-11");
    assertThat(threeDays).contains("Friday 8 January 2027 to Sunday 10 January 2027, all day.");
  }

  @Test
  void badInputIsExplainedInASentenceAndNothingIsCreated() {
    assertThat(tools.create(" ", "2026-11-27T13:00", null, null, null, null, BERLIN))
        .isEqualTo("An event needs a title. Ask the user what to call it.");
    assertThat(tools.create("Lunch", null, null, null, null, null, BERLIN))
        .startsWith("An event needs a start");
    assertThat(tools.create("Lunch", "Friday 1pm", null, null, null, null, BERLIN))
        .startsWith("'Friday 1pm' (start) is not a date or time I can read.");
    assertThat(tools.create("Lunch", "2026-11-27T13:00", "12:00", null, null, null, BERLIN))
        .isEqualTo(
            "The end (Friday 27 November 2026, 12:00) is not after the start (Friday 27 November"
                + " 2026, 13:00). Give an end after the start, or none for one hour.");
    assertThat(tools.create("Lunch", "2026-11-27", null, false, null, null, BERLIN))
        .startsWith(
            "A timed event needs a start time: give start as a local date-time such as"
                + " 2026-11-27T09:00");
    assertThat(tools.create("Trip", "2026-11-27", "2026-11-20", null, null, null, BERLIN))
        .startsWith("The last day (2026-11-20) is before the first day (2026-11-27).");
    assertThat(service.received()).isEmpty();
  }

  // ---------------------------------------------------------------- not connected and faults

  @Test
  void aUserWhoNeverConnectedGetsAFreshConsentLink() {
    service.answerEvents(
        request -> Answer.problem(409, "Google Calendar not connected", "not_connected"));

    String first = tools.list("2026-11-25", "2026-11-25", BERLIN);
    String second = tools.list("2026-11-25", "2026-11-25", BERLIN);

    assertThat(first)
        .startsWith(
            "The user has not connected Google Calendar yet, so reading the calendar is not")
        .contains("Ask them to open this link")
        .endsWith(FakeCalendarService.consentLink(USER, 1));
    assertThat(second).endsWith(FakeCalendarService.consentLink(USER, 2));
    assertThat(service.received())
        .extracting(Received::method, Received::path)
        .contains(
            org.assertj.core.groups.Tuple.tuple("GET", "/auth/url/42"),
            org.assertj.core.groups.Tuple.tuple("GET", "/events/42"));
  }

  @Test
  void aRevokedGrantGetsAFreshConsentLinkNotAnError() {
    service.answerCreate(
        request -> Answer.problem(401, "Google Calendar must be connected again", "reauthorize"));

    String answer = tools.create("Lunch", "2026-11-27T13:00", null, null, null, null, BERLIN);

    assertThat(answer)
        .startsWith("Google no longer lets this assistant use the user's calendar")
        .contains("adding the event is not possible")
        .endsWith(FakeCalendarService.consentLink(USER, 1));
  }

  @Test
  void anUnconfiguredGoogleConnectionIsExplained() {
    service.answerEvents(
        request -> Answer.problem(503, "Google Calendar is not configured", "not_configured"));

    assertThat(tools.list(null, null, BERLIN)).isEqualTo(CalendarFailures.NOT_CONFIGURED);
    assertThat(
            new CalendarTools(Optional.empty(), Clock.systemUTC())
                .create("Lunch", "2026-11-27T13:00", null, null, null, null, BERLIN))
        .isEqualTo(CalendarFailures.NOT_CONFIGURED);
  }

  @Test
  void anUnreachableCalendarServiceIsExplained() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    CalendarTools offline = toolsAt("http://127.0.0.1:" + closedPort);

    assertThat(offline.list(null, null, BERLIN)).isEqualTo(CalendarFailures.UNREACHABLE);
  }

  @Test
  void anEventGoogleRefusesIsReportedWithTheReason() {
    service.answerCreate(
        request ->
            new Answer(
                400,
                Map.of(
                    "title",
                    "Invalid request",
                    "status",
                    400,
                    "detail",
                    "title size must be between 0 and 1024",
                    "errors",
                    List.of(
                        Map.of("field", "title", "message", "size must be between 0 and 1024")))));

    String answer =
        tools.create("x".repeat(2000), "2026-11-27T13:00", null, null, null, null, BERLIN);

    assertThat(answer)
        .isEqualTo(
            "The calendar refused this: title size must be between 0 and 1024. Nothing was"
                + " changed. Correct the request or ask the user.");
  }

  @Test
  void aFailingCalendarServiceIsReportedAsAFailure() {
    service.answerEvents(request -> Answer.problem(502, "Google Calendar failed", null));

    assertThat(tools.list(null, null, BERLIN))
        .startsWith("Google Calendar is not available right now (calendar service answered 502)");
  }

  // ---------------------------------------------------------------- the user

  @Test
  void theUserComesFromTheToolContextNeverFromTheModel() {
    List<ToolCallback> callbacks = List.of(ToolCallbacks.from(tools));

    // the model can name no user: the tools take none
    assertThat(callbacks)
        .extracting(c -> c.getToolDefinition().name(), c -> parameterNames(c.getToolDefinition()))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("calendar_list", List.of("from", "to")),
            org.assertj.core.groups.Tuple.tuple(
                "calendar_create",
                List.of("title", "start", "end", "allDay", "description", "location")));
    ToolCallback list =
        callbacks.stream()
            .filter(c -> c.getToolDefinition().name().equals("calendar_list"))
            .findFirst()
            .orElseThrow();
    list.call("{\"from\":\"2026-11-25\",\"userId\":7,\"chatId\":70}", BERLIN);

    assertThat(service.received()).extracting(Received::path).containsExactly("/events/42");
  }

  static List<String> parameterNames(ToolDefinition definition) {
    List<String> names = new java.util.ArrayList<>();
    JsonMapper.builder()
        .build()
        .readTree(definition.inputSchema())
        .get("properties")
        .propertyNames()
        .forEach(names::add);
    return names;
  }
}
