package org.smartassistant.e2e.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.calendarrules.CalendarRuleDto;
import org.smartassistant.common.calendarrules.CreateCalendarRuleRequest;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.calendar.ConnectPage;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.google.FakeGoogle;
import org.smartassistant.testsupport.fakes.google.FakeGoogleEvent;
import org.springframework.web.client.RestClient;

/**
 * "Remind me 15 minutes before each meeting" through the whole suite: events put in the fake Google
 * calendar become one-time reminders 15 minutes before each (cron-service syncs the rule with
 * calendar-service every 2 s in the suite), the reminders reach the user's fake Telegram chat at
 * their time through the one reminder engine, a moved event's reminder moves, a cancelled event's
 * goes, and however often the rule is synced there is one reminder per event.
 */
class CalendarRuleTest {

  static final Duration PATIENCE = ReminderFixture.PATIENCE;
  static final String ACCOUNT = "cora@example.com";

  final ReminderFixture fixture = ReminderFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();
  final FakeGoogle google = fixture.suite.google();
  final CalendarRuleClient rules =
      ServiceClients.create(
          CalendarRuleClient.class,
          RestClient.builder(),
          ServiceClientProperties.of(fixture.suite.baseUrl(Service.REST)),
          fixture.suite.internalToken());
  final CalendarServiceClient calendar =
      ServiceClients.create(
          CalendarServiceClient.class,
          RestClient.builder(),
          ServiceClientProperties.of(fixture.suite.baseUrl(Service.CALENDAR)),
          fixture.suite.internalToken());

  @BeforeEach
  void secretaryAnnouncesMeetings() {
    llm.reset();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Cora.")) {
            return null;
          }
          String asked = request.lastUserText();
          if (asked != null && asked.contains("Tell the user about this reminder")) {
            for (String meeting : List.of("Standup", "Review", "Retro", "Planning")) {
              if (asked.contains(meeting + " starts in 15 minutes")) {
                return OpenAiAnswer.text("Cora, " + meeting + " in 15 minutes!");
              }
            }
          }
          return OpenAiAnswer.text("Noted.");
        });
  }

  @AfterEach
  void forgetScript() {
    llm.reset();
  }

  @Test
  void fifteenMinutesBeforeEachMeetingFollowsTheCalendar() throws Exception {
    UserDto user = fixture.user(1196, "Cora", "Europe/Berlin");
    connectCalendar(user);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Duration lead = Duration.ofMinutes(15);
    FakeGoogleEvent standup = addMeeting("Standup", now.plus(lead).plusSeconds(25));
    FakeGoogleEvent review = addMeeting("Review", now.plus(lead).plus(Duration.ofHours(3)));
    FakeGoogleEvent retro = addMeeting("Retro", now.plus(lead).plus(Duration.ofHours(4)));

    CalendarRuleDto rule = rules.createRule(user.id(), new CreateCalendarRuleRequest(15, null));

    // each event gets its reminder 15 minutes before it
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(triggerTimes(user))
                    .containsExactlyInAnyOrder(
                        startOf(standup).minus(lead),
                        startOf(review).minus(lead),
                        startOf(retro).minus(lead)));
    assertThat(rule.minutesBefore()).isEqualTo(15);

    // never two reminders for one event: several sync rounds (every 2 s) later, still three
    Thread.sleep(5_000);
    assertThat(fixture.remindersOf(user)).hasSize(3);

    // the Standup reminder reaches Telegram at its time, once
    await()
        .atMost(PATIENCE)
        .until(() -> fixture.telegramTexts(user).contains("Cora, Standup in 15 minutes!"));

    // Review moved to 40 s from now (15 minutes ahead): its reminder moves with it
    Instant reviewMoved = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(lead).plusSeconds(40);
    google.changeEvent(ACCOUNT, review.id(), at(reviewMoved), at(reviewMoved.plusSeconds(1800)));
    // Retro cancelled: its reminder goes
    google.changeEvent(ACCOUNT, retro.id(), null, null);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(triggerTimes(user)).containsExactly(reviewMoved.minus(lead)));

    // the moved reminder fires at the new time
    await()
        .atMost(PATIENCE)
        .until(() -> fixture.telegramTexts(user).contains("Cora, Review in 15 minutes!"));
    assertThat(Instant.now()).isAfterOrEqualTo(reviewMoved.minus(lead));

    // an event created through calendar-service (as the calendar_create tool does) gets its
    // reminder too
    Instant planning = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(lead).plusSeconds(18000);
    calendar.createEvent(
        user.id(),
        CreateCalendarEventRequest.timed("Planning", planning, planning.plusSeconds(3600), null));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(triggerTimes(user)).containsExactly(planning.minus(lead)));

    // each fired once: one message per meeting; Retro never
    Thread.sleep(3_000);
    List<String> texts = fixture.telegramTexts(user);
    assertThat(texts).filteredOn(t -> t.contains("Standup")).hasSize(1);
    assertThat(texts).filteredOn(t -> t.contains("Review")).hasSize(1);
    assertThat(texts).noneMatch(t -> t.contains("Retro"));
    // removing the rule removes its pending reminder
    rules.deleteRule(user.id(), rule.id());
    assertThat(triggerTimes(user)).isEmpty();
  }

  List<Instant> triggerTimes(UserDto user) {
    return fixture.remindersOf(user).stream()
        .filter(r -> r.status() == ReminderStatus.ACTIVE)
        .map(ReminderDto::triggerAt)
        .toList();
  }

  FakeGoogleEvent addMeeting(String title, Instant start) {
    return google.addEvent(ACCOUNT, title, at(start), at(start.plusSeconds(1800)));
  }

  static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant startOf(FakeGoogleEvent event) {
    return event.start().dateTime().toInstant();
  }

  /** Consents at the fake Google for the user, as the user's browser would. */
  void connectCalendar(UserDto user) throws Exception {
    String callback =
        google.approve(
            ConnectPage.continueToGoogle(calendar.authUrl(user.id()).authUrl()), ACCOUNT);
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(callback))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
  }
}
