package org.smartassistant.cron.calendarrules;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.calendarrules.CalendarRuleClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * cron-service's side of calendar rules, through the real clients against stand-ins of
 * calendar-service and rest-service: which events are handed to rest-service for which window,
 * every page of rules followed, and a user without a connected calendar left alone.
 */
class CalendarRuleSyncTest {

  static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");
  static final String RULE_A = "00000000-0000-0000-0000-00000000000a";
  static final String RULE_B = "00000000-0000-0000-0000-00000000000b";
  static final String RULE_C = "00000000-0000-0000-0000-00000000000c";
  static final JsonMapper JSON = JsonMapper.builder().build();

  final Map<String, String> calendarAnswers = new ConcurrentHashMap<>();
  final List<String> calendarCalls = new CopyOnWriteArrayList<>();
  final Map<String, JsonNode> syncs = new ConcurrentHashMap<>();
  FakeHttpServer calendarService;
  FakeHttpServer restService;
  CalendarRuleSync sync;

  @BeforeEach
  void start() {
    calendarService = new FakeHttpServer("calendar-service", 0, this::calendar);
    restService = new FakeHttpServer("rest-service", 0, this::rest);
    calendarService.start();
    restService.start();
    sync =
        new CalendarRuleSync(
            ServiceClients.create(
                CalendarRuleClient.class,
                RestClient.builder(),
                ServiceClientProperties.of(restService.baseUrl()),
                "token"),
            ServiceClients.create(
                CalendarServiceClient.class,
                RestClient.builder(),
                ServiceClientProperties.of(calendarService.baseUrl()),
                "token"),
            new CalendarRuleProperties(Duration.ofMinutes(15), Duration.ofDays(2), 2),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    calendarService.stop();
    restService.stop();
  }

  /** Rules: A and B of user 7 (first page), C of user 8 (second page). */
  void rest(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getRawQuery();
    byte[] body = FakeHttpServer.readBody(exchange);
    String answer;
    if (path.equals("/api/calendar-rules")) {
      answer =
          query != null && query.contains("after=")
              ? "{\"items\":[" + rule(RULE_C, 8) + "],\"nextCursor\":null}"
              : "{\"items\":["
                  + rule(RULE_A, 7)
                  + ","
                  + rule(RULE_B, 7)
                  + "],\"nextCursor\":\""
                  + RULE_B
                  + "\"}";
    } else if (path.equals("/api/users/8/calendar-rules")) {
      answer = "[" + rule(RULE_C, 8) + "]";
    } else if (path.startsWith("/api/calendar-rules/") && path.endsWith("/reminders")) {
      syncs.put(path.split("/")[3], JSON.readTree(body));
      answer = "{\"created\":0,\"moved\":0,\"removed\":0,\"unchanged\":0}";
    } else {
      FakeHttpServer.respond(exchange, 404, "application/problem+json", "{}".getBytes());
      return;
    }
    FakeHttpServer.respond(
        exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
  }

  static String rule(String id, long user) {
    return "{\"id\":\""
        + id
        + "\",\"userId\":"
        + user
        + ",\"minutesBefore\":15,\"titleFilter\":null,\"createdAt\":\"2026-11-01T00:00:00Z\"}";
  }

  void calendar(HttpExchange exchange) throws IOException {
    calendarCalls.add(
        exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getQuery());
    FakeHttpServer.readBody(exchange);
    String user = exchange.getRequestURI().getPath().replace("/events/", "");
    String answer = calendarAnswers.get(user);
    if (answer.startsWith("409")) {
      FakeHttpServer.respond(
          exchange,
          409,
          "application/problem+json",
          "{\"status\":409,\"title\":\"Google Calendar not connected\",\"code\":\"not_connected\"}"
              .getBytes(StandardCharsets.UTF_8));
      return;
    }
    FakeHttpServer.respond(
        exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
  }

  static String event(String id, String title, String start, boolean allDay) {
    return "{\"id\":\""
        + id
        + "\",\"title\":\""
        + title
        + "\",\"start\":\""
        + start
        + "\",\"end\":\""
        + Instant.parse(start).plusSeconds(3600)
        + "\",\"allDay\":"
        + allDay
        + "}";
  }

  @Test
  void timedEventsStartingInTheHorizonGoToEveryRuleOfTheirUser() {
    calendarAnswers.put(
        "7",
        "["
            + event("started", "Standup", "2026-11-24T08:00:00Z", false)
            + ","
            + event("soon", "Review", "2026-11-24T10:00:00Z", false)
            + ","
            + event("holiday", "Holiday", "2026-11-25T00:00:00Z", true)
            + "]");
    calendarAnswers.put("8", "409");

    int synced = sync.syncAll();

    assertThat(synced).isEqualTo(2);
    assertThat(syncs).containsOnlyKeys(RULE_A, RULE_B);
    for (JsonNode request : syncs.values()) {
      assertThat(request.get("from").asString()).isEqualTo("2026-11-24T08:30:00Z");
      assertThat(request.get("to").asString()).isEqualTo("2026-11-26T08:30:00Z");
      assertThat(request.get("events")).hasSize(1);
      assertThat(request.get("events").get(0).get("eventId").asString()).isEqualTo("soon");
      assertThat(request.get("events").get(0).get("title").asString()).isEqualTo("Review");
    }
    // one read of each user's calendar for the window, whatever the number of rules
    assertThat(calendarCalls).hasSize(2);
    assertThat(calendarCalls.get(0))
        .startsWith("/events/7?from=2026-11-24T08:30:00Z&to=2026-11-26T08:30:00Z");
  }

  @Test
  void aUserWithoutAConnectedCalendarKeepsTheirRemindersUntouched() {
    calendarAnswers.put("8", "409");

    assertThat(sync.syncRule(8, java.util.UUID.fromString(RULE_C))).isZero();

    assertThat(syncs).isEmpty();
  }
}
