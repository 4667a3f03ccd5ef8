package org.smartassistant.calendar.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.calendar.CalendarServiceTest;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.testsupport.fakes.FaultyHttpProxy;
import org.smartassistant.testsupport.fakes.google.FakeGoogleEvent;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/** Events through the typed client, against the fake Google, with token refresh and revocation. */
class EventsTest extends CalendarServiceTest {

  private static final long USER = 7;
  private static final String ALICE = "alice@example.com";

  @BeforeEach
  void aliceConnected() throws Exception {
    REST.addUser(USER, 7_000_007);
    assertThat(connect(USER, ALICE).statusCode()).isEqualTo(200);
  }

  @Test
  void aCreatedEventReachesGoogleWithItsStartEndAndZone() {
    CreateCalendarEventRequest lunch =
        CreateCalendarEventRequest.timed(
                "Lunch with Anna",
                Instant.parse("2026-11-27T12:00:00Z"),
                Instant.parse("2026-11-27T13:30:00Z"),
                "Europe/Berlin")
            .withDetails("Talk about the trip", "Cafe Einstein");

    CalendarEventDto created = client().createEvent(USER, lunch);

    FakeGoogleEvent atGoogle = GOOGLE.events(ALICE).get(0);
    assertThat(atGoogle.summary()).isEqualTo("Lunch with Anna");
    assertThat(atGoogle.description()).isEqualTo("Talk about the trip");
    assertThat(atGoogle.location()).isEqualTo("Cafe Einstein");
    assertThat(atGoogle.allDay()).isFalse();
    assertThat(atGoogle.start().dateTime())
        .isEqualTo(OffsetDateTime.of(2026, 11, 27, 13, 0, 0, 0, ZoneOffset.ofHours(1)));
    assertThat(atGoogle.end().dateTime())
        .isEqualTo(OffsetDateTime.of(2026, 11, 27, 14, 30, 0, 0, ZoneOffset.ofHours(1)));
    assertThat(atGoogle.start().timeZone()).isEqualTo("Europe/Berlin");
    assertThat(atGoogle.end().timeZone()).isEqualTo("Europe/Berlin");

    assertThat(created.id()).isEqualTo(atGoogle.id());
    assertThat(created.title()).isEqualTo("Lunch with Anna");
    assertThat(created.start()).isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
    assertThat(created.end()).isEqualTo(Instant.parse("2026-11-27T13:30:00Z"));
    assertThat(created.allDay()).isFalse();
    assertThat(created.timeZone()).isEqualTo("Europe/Berlin");
    assertThat(created.location()).isEqualTo("Cafe Einstein");
    assertThat(created.htmlLink()).startsWith("https://www.google.com/calendar/event?eid=");
  }

  @Test
  void twoCreatesWithTheSameKeyMakeOneEventAtGoogleAndAnswerIt() {
    CreateCalendarEventRequest lunch =
        CreateCalendarEventRequest.timed(
            "Lunch with Anna",
            Instant.parse("2026-11-27T12:00:00Z"),
            Instant.parse("2026-11-27T13:30:00Z"),
            "Europe/Berlin");

    CalendarEventDto first = client().createEvent(USER, "envelope-1:0", lunch);
    CalendarEventDto again = client().createEvent(USER, "envelope-1:0", lunch);
    CalendarEventDto another = client().createEvent(USER, "envelope-1:1", lunch);

    assertThat(GOOGLE.events(ALICE))
        .extracting(FakeGoogleEvent::id)
        .containsExactly(first.id(), another.id());
    assertThat(again).isEqualTo(first);
    assertThat(first.id()).matches("[a-v0-9]{52}");
    assertThat(GOOGLE.calendarCalls()).contains("POST primary 409");
  }

  @Test
  void aCreateWhoseAnswerWasLostIsRetriedAndMakesOneEvent() {
    CreateCalendarEventRequest lunch =
        CreateCalendarEventRequest.timed(
            "Dinner",
            Instant.parse("2026-11-28T18:00:00Z"),
            Instant.parse("2026-11-28T20:00:00Z"),
            "Europe/Berlin");
    try (FaultyHttpProxy proxy = new FaultyHttpProxy("http://127.0.0.1:" + port)) {
      proxy.loseAnswers("POST", ("/events/" + USER)::equals, 1);
      CalendarServiceClient retrying =
          ServiceClients.create(
              CalendarServiceClient.class,
              RestClient.builder(),
              new ServiceClientProperties(proxy.baseUrl(), null, null, 3, Duration.ofMillis(20)),
              TOKEN);

      CalendarEventDto created = retrying.createEvent(USER, "envelope-2:0", lunch);

      assertThat(proxy.requests("POST", "/events/" + USER)).hasSize(2);
      assertThat(GOOGLE.events(ALICE))
          .extracting(FakeGoogleEvent::id)
          .containsExactly(created.id());
    }
  }

  @Test
  void aSummerEventCarriesTheSummerOffsetOfItsZone() {
    client()
        .createEvent(
            USER,
            CreateCalendarEventRequest.timed(
                "Picnic",
                Instant.parse("2026-07-01T10:00:00Z"),
                Instant.parse("2026-07-01T12:00:00Z"),
                "Europe/Berlin"));

    assertThat(GOOGLE.events(ALICE).get(0).start().dateTime())
        .isEqualTo(OffsetDateTime.of(2026, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)));
  }

  @Test
  void anAllDayEventIsAllDayAtGoogle() {
    CalendarEventDto created =
        client()
            .createEvent(
                USER,
                CreateCalendarEventRequest.allDay(
                    "Christmas Eve", LocalDate.of(2026, 12, 24), null));

    FakeGoogleEvent atGoogle = GOOGLE.events(ALICE).get(0);
    assertThat(atGoogle.allDay()).isTrue();
    assertThat(atGoogle.start().dateTime()).isNull();
    assertThat(atGoogle.start().date()).isEqualTo(LocalDate.of(2026, 12, 24));
    assertThat(atGoogle.end().date()).isEqualTo(LocalDate.of(2026, 12, 25));
    assertThat(created.allDay()).isTrue();
    assertThat(created.startDate()).isEqualTo(LocalDate.of(2026, 12, 24));
    assertThat(created.endDate()).isEqualTo(LocalDate.of(2026, 12, 25));
  }

  @Test
  void listsTheEventsOfTheWindowNormalisedAndInOrder() {
    GOOGLE.setCalendarTimeZone(ALICE, "Europe/Berlin");
    GOOGLE.addEvent(
        ALICE,
        "Dentist",
        OffsetDateTime.parse("2026-11-25T15:00:00+01:00"),
        OffsetDateTime.parse("2026-11-25T16:00:00+01:00"));
    GOOGLE.addAllDayEvent(ALICE, "Holiday", LocalDate.of(2026, 11, 25), LocalDate.of(2026, 11, 26));
    GOOGLE.addEvent(
        ALICE,
        "Next month",
        OffsetDateTime.parse("2026-12-28T09:00:00Z"),
        OffsetDateTime.parse("2026-12-28T10:00:00Z"));

    List<CalendarEventDto> events =
        client()
            .events(
                USER, Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

    assertThat(events).extracting(CalendarEventDto::title).containsExactly("Holiday", "Dentist");
    CalendarEventDto holiday = events.get(0);
    assertThat(holiday.allDay()).isTrue();
    assertThat(holiday.startDate()).isEqualTo(LocalDate.of(2026, 11, 25));
    assertThat(holiday.start()).isEqualTo(Instant.parse("2026-11-24T23:00:00Z"));
    assertThat(holiday.timeZone()).isEqualTo("Europe/Berlin");
    CalendarEventDto dentist = events.get(1);
    assertThat(dentist.allDay()).isFalse();
    assertThat(dentist.start()).isEqualTo(Instant.parse("2026-11-25T14:00:00Z"));
    assertThat(dentist.end()).isEqualTo(Instant.parse("2026-11-25T15:00:00Z"));
    assertThat(dentist.id()).isNotBlank();
  }

  @Test
  void withoutAWindowTheNextSevenDaysAreListed() {
    GOOGLE.addEvent(
        ALICE,
        "Tomorrow",
        START.plus(Duration.ofDays(1)).atOffset(ZoneOffset.UTC),
        START.plus(Duration.ofDays(1)).plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));
    GOOGLE.addEvent(
        ALICE,
        "In eight days",
        START.plus(Duration.ofDays(8)).atOffset(ZoneOffset.UTC),
        START.plus(Duration.ofDays(8)).plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC));

    assertThat(client().events(USER, null, null))
        .extracting(CalendarEventDto::title)
        .containsExactly("Tomorrow");
  }

  @Test
  void anExpiredAccessTokenIsRefreshedAndTheRefreshedTokenIsStored() {
    String original = REST.credentials(USER).accessToken();
    String refreshToken = REST.credentials(USER).refreshToken();
    GOOGLE.expireAccessTokens();

    client().events(USER, null, null);

    String refreshed = GOOGLE.latestAccessToken(ALICE);
    assertThat(refreshed).isNotEqualTo(original);
    assertThat(REST.credentials(USER).accessToken()).isEqualTo(refreshed);
    assertThat(REST.credentials(USER).refreshToken()).isEqualTo(refreshToken);
    assertThat(REST.credentials(USER).expiresAt()).isEqualTo(START.plusSeconds(3599));
    assertThat(GOOGLE.calendarCalls()).containsExactly("GET primary 401", "GET primary 200");
    assertThat(GOOGLE.tokenRequests("refresh_token")).hasSize(1);

    // the stored token is the one used next time: no second refresh
    client().events(USER, null, null);
    assertThat(GOOGLE.tokenRequests("refresh_token")).hasSize(1);
    assertThat(GOOGLE.calendarCalls()).endsWith("GET primary 200", "GET primary 200");
  }

  @Test
  void anAccessTokenPastItsExpiryIsRefreshedBeforeTheCall() {
    CLOCK.advance(Duration.ofHours(1));

    client()
        .createEvent(
            USER,
            CreateCalendarEventRequest.timed(
                "Call",
                START.plus(Duration.ofDays(1)),
                START.plus(Duration.ofDays(1)).plusSeconds(900),
                null));

    assertThat(GOOGLE.calendarCalls()).containsExactly("POST primary 200");
    assertThat(REST.credentials(USER).accessToken()).isEqualTo(GOOGLE.latestAccessToken(ALICE));
    assertThat(REST.credentials(USER).expiresAt())
        .isEqualTo(START.plus(Duration.ofHours(1)).plusSeconds(3599));
  }

  @Test
  void aRevokedGrantAnswersReauthorizeAndTheUserCanConnectAgain() throws Exception {
    GOOGLE.revokeGrant(ALICE);

    assertThatThrownBy(() -> client().events(USER, null, null))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(401);
              assertThat(CalendarErrorCode.of(e)).hasValue(CalendarErrorCode.REAUTHORIZE);
            });
    assertThat(REST.credentials(USER)).isNull();
    assertThat(REST.deletes()).containsExactly(USER);

    // the caller's answer to "reauthorize": a fresh link, which connects again
    assertThat(connect(USER, ALICE).statusCode()).isEqualTo(200);
    assertThat(client().events(USER, null, null)).isEmpty();
  }

  @Test
  void aUserWhoNeverConnectedGetsNotConnected() {
    REST.addUser(9, 9_000_009);

    assertThatThrownBy(() -> client().events(9, null, null))
        .isInstanceOfSatisfying(
            HttpClientErrorException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(409);
              assertThat(CalendarErrorCode.of(e)).hasValue(CalendarErrorCode.NOT_CONNECTED);
            });
  }

  @Test
  void aFailureAtGoogleAnswers502WithoutGooglesOwnText() throws Exception {
    GOOGLE.expireAccessTokens();
    GOOGLE.failNextTokenRequests(5, 500);

    HttpResponse<String> answer = get("/events/" + USER, TOKEN);

    assertThat(answer.statusCode()).isEqualTo(502);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(answer.body())
        .contains("Google Calendar could not be reached or answered with an error")
        .doesNotContain(
            "the fake was told to fail", "internal_failure", "token endpoint", "Exception");
  }

  @Test
  void theEventsEndpointsRefuseCallsWithoutTheInternalToken() throws Exception {
    String event =
        """
        {"title":"x","start":"2026-11-27T12:00:00Z","end":"2026-11-27T13:00:00Z"}
        """;

    for (String token : new String[] {null, "wrong-token"}) {
      HttpResponse<String> list = get("/events/" + USER, token);
      HttpResponse<String> create = post("/events/" + USER, event, token);

      assertThat(list.statusCode()).isEqualTo(401);
      assertThat(create.statusCode()).isEqualTo(401);
      assertThat(list.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
    assertThat(GOOGLE.calendarCalls()).isEmpty();
    assertThat(GOOGLE.events(ALICE)).isEmpty();
    assertThat(post("/events/" + USER, event, TOKEN).statusCode()).isEqualTo(201);
  }

  @Test
  void anInvalidEventIsRefusedNamingTheFieldsAndNeverReachesGoogle() throws Exception {
    HttpResponse<String> blankTitle =
        post(
            "/events/" + USER,
            """
            {"title":" ","start":"2026-11-27T12:00:00Z","end":"2026-11-27T13:00:00Z"}
            """,
            TOKEN);
    HttpResponse<String> endBeforeStart =
        post(
            "/events/" + USER,
            """
            {"title":"x","start":"2026-11-27T12:00:00Z","end":"2026-11-27T11:00:00Z"}
            """,
            TOKEN);
    HttpResponse<String> badZone =
        post(
            "/events/" + USER,
            """
            {"title":"x","start":"2026-11-27T12:00:00Z","end":"2026-11-27T13:00:00Z",
             "timeZone":"Mars/Olympus"}
            """,
            TOKEN);
    HttpResponse<String> allDayWithoutDate =
        post("/events/" + USER, "{\"title\":\"x\",\"allDay\":true}", TOKEN);
    HttpResponse<String> notJson = post("/events/" + USER, "{not json", TOKEN);
    HttpResponse<String> startNotAnInstant =
        post("/events/" + USER, "{\"title\":\"x\",\"start\":\"noon\"}", TOKEN);

    assertThat(blankTitle.statusCode()).isEqualTo(400);
    assertThat(blankTitle.body()).contains("\"field\":\"title\"");
    assertThat(endBeforeStart.statusCode()).isEqualTo(400);
    assertThat(endBeforeStart.body()).contains("\"field\":\"end\"");
    assertThat(badZone.statusCode()).isEqualTo(400);
    assertThat(badZone.body()).contains("\"field\":\"timeZone\"");
    assertThat(allDayWithoutDate.statusCode()).isEqualTo(400);
    assertThat(allDayWithoutDate.body()).contains("\"field\":\"startDate\"");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(startNotAnInstant.statusCode()).isEqualTo(400);
    assertThat(startNotAnInstant.body()).contains("\"field\":\"start\"");
    assertThat(blankTitle.headers().firstValue("Content-Type"))
        .hasValue("application/problem+json");
    assertThat(GOOGLE.calendarCalls()).isEmpty();
  }

  @Test
  void anInvalidWindowIsRefusedNamingTheParameter() throws Exception {
    HttpResponse<String> reversed =
        get("/events/" + USER + "?from=2026-11-30T00:00:00Z&to=2026-11-24T00:00:00Z", TOKEN);
    HttpResponse<String> notAnInstant = get("/events/" + USER + "?from=tomorrow", TOKEN);

    assertThat(reversed.statusCode()).isEqualTo(400);
    assertThat(reversed.body()).contains("\"field\":\"to\"");
    assertThat(notAnInstant.statusCode()).isEqualTo(400);
    assertThat(notAnInstant.body()).contains("\"field\":\"from\"");
    assertThat(GOOGLE.calendarCalls()).isEmpty();
  }
}
