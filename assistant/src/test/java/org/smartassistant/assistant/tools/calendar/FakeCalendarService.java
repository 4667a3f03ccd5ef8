package org.smartassistant.assistant.tools.calendar;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.smartassistant.common.calendar.AuthUrlResponse;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * calendar-service's endpoints as the assistant calls them (docs/calendar.md), for the calendar
 * tool tests: {@code GET /auth/url/{userId}}, {@code GET|POST /events/{userId}}, with the internal
 * token checked, every request recorded and the answers scripted per test. The real service, with
 * the fake Google behind it, runs in the e2e tests.
 */
final class FakeCalendarService implements AutoCloseable {

  static final String TOKEN = "calendar-test-token-0123456789abcdef";

  /** One request as received. */
  record Received(
      String method, String path, Map<String, String> query, String body, String token) {}

  /** A scripted answer: status and JSON body (a problem detail for errors). */
  record Answer(int status, Object body) {

    static Answer ok(Object body) {
      return new Answer(200, body);
    }

    /** calendar-service's problem detail with a machine-readable code, e.g. not_connected. */
    static Answer problem(int status, String title, String code) {
      Map<String, Object> problem = new LinkedHashMap<>();
      problem.put("type", "about:blank");
      problem.put("title", title);
      problem.put("status", status);
      problem.put("detail", title);
      if (code != null) {
        problem.put("code", code);
      }
      return new Answer(status, problem);
    }
  }

  private final JsonMapper json = JsonMapper.builder().build();
  private final FakeHttpServer server;

  // guarded by this
  private final List<Received> received = new ArrayList<>();
  private Function<Received, Answer> events = request -> Answer.ok(List.of());
  private Function<CreateCalendarEventRequest, Answer> create = FakeCalendarService::stored;
  private int consentLinks;

  FakeCalendarService() {
    server = new FakeHttpServer("calendar-service", 0, this::handle);
    server.start();
  }

  String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.stop();
  }

  /** How {@code GET /events/{userId}} answers from now on. */
  synchronized void answerEvents(Function<Received, Answer> answer) {
    events = answer;
  }

  /** How {@code POST /events/{userId}} answers from now on; default: the event as stored. */
  synchronized void answerCreate(Function<CreateCalendarEventRequest, Answer> answer) {
    create = answer;
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  /** The body of the last {@code POST /events}, parsed. */
  synchronized CreateCalendarEventRequest lastCreated() {
    for (int i = received.size() - 1; i >= 0; i--) {
      Received request = received.get(i);
      if (request.method().equals("POST")) {
        return json.readValue(request.body(), CreateCalendarEventRequest.class);
      }
    }
    throw new AssertionError("no event was created; received " + received);
  }

  /** The consent link calendar-service makes for the user, numbered so each one is fresh. */
  static String consentLink(long userId, int number) {
    return "https://accounts.example.com/o/oauth2/auth?client_id=abc&state=v1."
        + userId
        + "."
        + number;
  }

  /** The event as calendar-service answers after Google stored it. */
  static Answer stored(CreateCalendarEventRequest request) {
    return new Answer(
        201,
        new CalendarEventDto(
            "evt1",
            request.title(),
            request.allDay() ? null : request.start(),
            request.allDay() ? null : request.end(),
            request.allDay(),
            request.startDate(),
            request.allDay()
                ? (request.endDate() == null ? request.startDate().plusDays(1) : request.endDate())
                : null,
            request.timeZone(),
            request.location(),
            request.description(),
            "https://www.google.com/calendar/event?eid=evt1"));
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    Received request =
        new Received(
            exchange.getRequestMethod(),
            path,
            FakeHttpServer.parseForm(exchange.getRequestURI().getRawQuery()),
            new String(FakeHttpServer.readBody(exchange), StandardCharsets.UTF_8),
            exchange.getRequestHeaders().getFirst("X-Internal-Token"));
    Answer answer;
    synchronized (this) {
      received.add(request);
      if (!TOKEN.equals(request.token())) {
        answer = Answer.problem(401, "Unauthorized", null);
      } else if (path.startsWith("/auth/url/") && request.method().equals("GET")) {
        long userId = Long.parseLong(path.substring("/auth/url/".length()));
        answer = Answer.ok(new AuthUrlResponse(consentLink(userId, ++consentLinks)));
      } else if (path.startsWith("/events/") && request.method().equals("GET")) {
        answer = events.apply(request);
      } else if (path.startsWith("/events/") && request.method().equals("POST")) {
        answer = create.apply(json.readValue(request.body(), CreateCalendarEventRequest.class));
      } else {
        answer = Answer.problem(404, "Not Found", null);
      }
    }
    FakeHttpServer.respond(
        exchange,
        answer.status(),
        answer.status() >= 400 ? "application/problem+json" : "application/json",
        json.writeValueAsBytes(answer.body()));
  }
}
