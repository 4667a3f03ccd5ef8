package org.smartassistant.testsupport.fakes.google;

import static org.smartassistant.testsupport.fakes.google.GoogleApiAnswers.send;
import static org.smartassistant.testsupport.fakes.google.GoogleEvents.RFC3339;
import static org.smartassistant.testsupport.fakes.google.GoogleEvents.normaliseTimes;
import static org.smartassistant.testsupport.fakes.google.GoogleEvents.text;
import static org.smartassistant.testsupport.fakes.google.GoogleEvents.toRecord;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import org.smartassistant.testsupport.fakes.google.GoogleApiAnswers.ApiAnswer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeGoogle}'s Calendar v3 events ({@code GET|POST
 * /calendar/v3/calendars/{calendarId}/events}, {@code GET .../events/{eventId}}): Bearer tokens
 * checked against {@link GoogleTokens}, events kept per Google account, each account's calendar in
 * its own time zone, every call recorded.
 */
final class GoogleCalendarApi {

  private static final Set<String> CALENDAR_SCOPES =
      Set.of(FakeGoogle.CALENDAR_EVENTS_SCOPE, "https://www.googleapis.com/auth/calendar");
  private static final int DEFAULT_MAX_RESULTS = 250;

  /** The event ids Google accepts from a client. */
  private static final Pattern CLIENT_EVENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

  private final JsonMapper json = JsonMapper.builder().build();
  private final GoogleTokens tokens;

  // everything below is guarded by this
  private final Map<String, List<ObjectNode>> eventsByAccount = new LinkedHashMap<>();
  private final Map<String, String> calendarZones = new HashMap<>();
  private final List<String> calendarCalls = new ArrayList<>();

  GoogleCalendarApi(GoogleTokens tokens) {
    this.tokens = tokens;
  }

  synchronized void reset() {
    eventsByAccount.clear();
    calendarZones.clear();
    calendarCalls.clear();
  }

  synchronized void setCalendarTimeZone(String account, String zone) {
    calendarZones.put(account, ZoneId.of(zone).getId());
  }

  synchronized List<FakeGoogleEvent> events(String account) {
    return eventsByAccount.getOrDefault(account, List.of()).stream()
        .map(event -> toRecord(account, event))
        .toList();
  }

  synchronized List<String> calendarCalls() {
    return List.copyOf(calendarCalls);
  }

  /** {@code GET /calendars/{calendarId}/events/{eventId}}: one event by its id. */
  void calendarEvent(HttpExchange exchange, String method, String calendarId, String eventId)
      throws IOException {
    FakeHttpServer.readBody(exchange);
    String token = bearerOf(exchange);
    ApiAnswer answer;
    synchronized (this) {
      GoogleTokens.AccessToken access = tokens.usable(token);
      answer = accessProblem(calendarId, access);
      if (answer == null) {
        answer =
            method.equals("GET")
                ? eventById(access.account(), eventId)
                : new ApiAnswer(405, null, "Method Not Allowed");
      }
      calendarCalls.add(method + " " + calendarId + "/" + eventId + " " + answer.status());
    }
    send(exchange, answer);
  }

  private ApiAnswer eventById(String account, String eventId) {
    return eventsByAccount.getOrDefault(account, List.of()).stream()
        .filter(event -> eventId.equals(text(event, "id")))
        .findFirst()
        .map(event -> new ApiAnswer(200, event.deepCopy(), null))
        .orElse(new ApiAnswer(404, null, "Not Found"));
  }

  private static String bearerOf(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : null;
  }

  void calendarEvents(HttpExchange exchange, String method, String calendarId) throws IOException {
    byte[] requestBody = FakeHttpServer.readBody(exchange);
    String token = bearerOf(exchange);
    ApiAnswer answer;
    synchronized (this) {
      answer =
          calendarAnswer(
              method, calendarId, token, exchange.getRequestURI().getRawQuery(), requestBody);
      calendarCalls.add(method + " " + calendarId + " " + answer.status());
    }
    send(exchange, answer);
  }

  private ApiAnswer calendarAnswer(
      String method, String calendarId, String token, String rawQuery, byte[] requestBody) {
    GoogleTokens.AccessToken access = tokens.usable(token);
    ApiAnswer refused = accessProblem(calendarId, access);
    if (refused != null) {
      return refused;
    }
    return switch (method) {
      case "GET" -> list(access.account(), rawQuery);
      case "POST" -> insert(access.account(), requestBody);
      default -> new ApiAnswer(405, null, "Method Not Allowed");
    };
  }

  /** Why the token may not use the calendar, or null when it may. */
  private ApiAnswer accessProblem(String calendarId, GoogleTokens.AccessToken access) {
    if (access == null) {
      return new ApiAnswer(401, null, "Invalid Credentials");
    }
    if (CALENDAR_SCOPES.stream().noneMatch(s -> access.scope().contains(s))) {
      return new ApiAnswer(403, null, "Request had insufficient authentication scopes.");
    }
    if (!calendarId.equals("primary") && !calendarId.equals(access.account())) {
      return new ApiAnswer(404, null, "Not Found");
    }
    return null;
  }

  private ApiAnswer list(String account, String rawQuery) {
    Map<String, String> query = FakeHttpServer.parseForm(rawQuery);
    ZoneId zone = zoneOf(account);
    Instant timeMin;
    Instant timeMax;
    int maxResults;
    int offset;
    try {
      timeMin = query.containsKey("timeMin") ? parseRfc3339(query.get("timeMin")) : null;
      timeMax = query.containsKey("timeMax") ? parseRfc3339(query.get("timeMax")) : null;
      maxResults =
          Math.min(
              2500, Integer.parseInt(query.getOrDefault("maxResults", "" + DEFAULT_MAX_RESULTS)));
      offset = Integer.parseInt(query.getOrDefault("pageToken", "0"));
    } catch (DateTimeParseException | NumberFormatException e) {
      return new ApiAnswer(400, null, "Bad Request");
    }
    List<ObjectNode> matching =
        eventsByAccount.getOrDefault(account, List.of()).stream()
            .filter(
                event -> {
                  FakeGoogleEvent view = toRecord(account, event);
                  Instant start = view.start().instant(zone);
                  Instant end = view.end().instant(zone);
                  return (timeMin == null || end.isAfter(timeMin))
                      && (timeMax == null || start.isBefore(timeMax));
                })
            .sorted(Comparator.comparing(event -> toRecord(account, event).start().instant(zone)))
            .toList();
    ObjectNode body = json.createObjectNode();
    body.put("kind", "calendar#events");
    body.put("etag", "\"fake-" + matching.size() + "\"");
    body.put("summary", account);
    body.put("updated", RFC3339.format(tokens.now().atOffset(ZoneOffset.UTC)));
    body.put("timeZone", zone.getId());
    body.put("accessRole", "owner");
    body.putArray("defaultReminders");
    int end = Math.min(matching.size(), offset + maxResults);
    var items = body.putArray("items");
    for (int i = offset; i < end; i++) {
      items.add(matching.get(i).deepCopy());
    }
    if (end < matching.size()) {
      body.put("nextPageToken", Integer.toString(end));
    }
    return new ApiAnswer(200, body, null);
  }

  private ApiAnswer insert(String account, byte[] requestBody) {
    JsonNode parsed;
    try {
      parsed = json.readTree(requestBody);
    } catch (JacksonException e) {
      return new ApiAnswer(400, null, "Parse Error");
    }
    if (parsed == null || !parsed.isObject()) {
      return new ApiAnswer(400, null, "Parse Error");
    }
    ObjectNode event = ((ObjectNode) parsed).deepCopy();
    String givenId = text(event, "id");
    if (givenId != null) {
      // Google: base32hex characters (a-v, 0-9), 5 to 1024 long, unique in the calendar
      if (!CLIENT_EVENT_ID.matcher(givenId).matches()) {
        return new ApiAnswer(400, null, "Invalid resource id value.");
      }
      if (eventById(account, givenId).status() == 200) {
        return new ApiAnswer(409, null, "The requested identifier already exists.");
      }
    }
    String problem = normaliseTimes(event);
    if (problem != null) {
      return new ApiAnswer(400, null, problem);
    }
    keep(account, event);
    return new ApiAnswer(200, event.deepCopy(), null);
  }

  /** Stores an event a test seeds; Google's rules apply as to an inserted one. */
  synchronized FakeGoogleEvent store(String account, ObjectNode event) {
    String problem = normaliseTimes(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return keep(account, event);
  }

  /**
   * Moves a stored event to a new start and end, as the user would in Google's own app; deletes it
   * when both are null (the list then no longer shows it, as without showDeleted).
   */
  synchronized void change(
      String account, String eventId, OffsetDateTime start, OffsetDateTime end) {
    ObjectNode event = stored(account, eventId);
    if (start == null && end == null) {
      eventsByAccount.get(account).remove(event);
      return;
    }
    event.putObject("start").put("dateTime", RFC3339.format(start));
    event.putObject("end").put("dateTime", RFC3339.format(end));
    String problem = normaliseTimes(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
  }

  private ObjectNode stored(String account, String eventId) {
    return eventsByAccount.getOrDefault(account, List.of()).stream()
        .filter(event -> eventId.equals(text(event, "id")))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event " + eventId + " of " + account));
  }

  private FakeGoogleEvent keep(String account, ObjectNode event) {
    GoogleEvents.stamp(account, event, tokens.next(), tokens.now());
    eventsByAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(event);
    return toRecord(account, event);
  }

  private ZoneId zoneOf(String account) {
    return ZoneId.of(calendarZones.getOrDefault(account, "UTC"));
  }

  private static Instant parseRfc3339(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }
}
