package org.smartassistant.assistant.tools.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.tools.calendar.FakeCalendarService.Answer;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendar.CalendarServiceClientProperties;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import org.springframework.web.client.RestClient;

/**
 * The calendar rule tools through the real clients: against the calendar-service stand-in and a
 * rest-service stand-in that records what reaches it. A user without a connected calendar is told
 * so (with the consent link) and gets no rule; bad input never leaves the tool.
 */
class CalendarRuleToolsTest {

  FakeCalendarService calendar;
  FakeHttpServer rest;
  final List<String> restCalls = new CopyOnWriteArrayList<>();
  CalendarRuleTools tools;

  @BeforeEach
  void start() {
    calendar = new FakeCalendarService();
    rest =
        new FakeHttpServer(
            "rest-service",
            0,
            exchange -> {
              restCalls.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
              FakeHttpServer.readBody(exchange);
              String body =
                  "{\"id\":\"6f1c1b9e-8d5c-4e4b-9a57-0d5b1b0a3c11\",\"userId\":42,"
                      + "\"minutesBefore\":15,\"titleFilter\":\"meeting\","
                      + "\"createdAt\":\"2026-11-24T08:30:00Z\"}";
              FakeHttpServer.respond(
                  exchange, 201, "application/json", body.getBytes(StandardCharsets.UTF_8));
            });
    rest.start();
    CalendarServiceClient calendarClient =
        ServiceClients.create(
            CalendarServiceClient.class,
            RestClient.builder(),
            new CalendarServiceClientProperties(
                    calendar.baseUrl(),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(2),
                    0,
                    Duration.ofMillis(10),
                    null,
                    null)
                .toClientProperties(),
            FakeCalendarService.TOKEN);
    CalendarRuleClient rules =
        ServiceClients.create(
            CalendarRuleClient.class,
            RestClient.builder(),
            ServiceClientProperties.of(rest.baseUrl()),
            "rest-token");
    tools =
        new CalendarRuleTools(
            rules, Optional.of(calendarClient), Clock.fixed(CalendarToolsTest.NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    calendar.close();
    rest.stop();
  }

  @Test
  void aUserWithoutAConnectedCalendarIsToldSoWithTheLinkAndGetsNoRule() {
    calendar.answerEvents(
        request -> Answer.problem(409, "Google Calendar not connected", "not_connected"));

    String answer = tools.set(15, null, CalendarToolsTest.BERLIN);

    assertThat(answer)
        .startsWith(
            "The user has not connected Google Calendar yet, so setting a calendar reminder rule"
                + " is not possible")
        .endsWith(FakeCalendarService.consentLink(CalendarToolsTest.USER, 1));
    assertThat(restCalls).isEmpty();
  }

  @Test
  void badMinutesOrAFilterTooLongAreASentenceAndNothingIsCalled() {
    assertThat(tools.set(-1, null, CalendarToolsTest.BERLIN))
        .startsWith("minutesBefore must be a whole number of minutes from 0 to 10080");
    assertThat(tools.set(10_081, null, CalendarToolsTest.BERLIN)).contains("nothing was set");
    assertThat(tools.set(null, null, CalendarToolsTest.BERLIN)).contains("nothing was set");
    assertThat(tools.set(15, "x".repeat(201), CalendarToolsTest.BERLIN))
        .startsWith("The title filter is too long");
    assertThat(tools.remove("first", CalendarToolsTest.BERLIN)).contains("is not a rule's number");
    assertThat(calendar.received()).isEmpty();
    assertThat(restCalls).isEmpty();
  }

  @Test
  void aConnectedUsersRuleIsSetForTheUserOfTheContext() {
    calendar.answerEvents(request -> Answer.ok(List.of()));

    String answer = tools.set(15, " meeting ", CalendarToolsTest.BERLIN);

    assertThat(answer)
        .isEqualTo(
            "Set: a reminder 15 minutes before each calendar event whose title contains"
                + " 'meeting'. Reminders follow the events as they move or go.");
    assertThat(restCalls).containsExactly("POST /api/users/42/calendar-rules");
  }
}
