package org.smartassistant.calendar;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.api.PutCalendarCredentialsRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.security.InternalToken;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * rest-service as calendar-service sees it, for these tests: users and their calendar credentials
 * (GET, PUT, DELETE with rest-service's answers), the internal token checked, every PUT recorded.
 * The real chain runs in the e2e module.
 */
public final class FakeRestService implements AutoCloseable {

  private static final Pattern USER = Pattern.compile("/api/users/(\\d+)");
  private static final Pattern CREDENTIALS =
      Pattern.compile("/api/users/(\\d+)/calendar-credentials");

  private final JsonMapper json = JsonMapper.builder().build();
  private final String token;
  private final FakeHttpServer server;

  // guarded by this
  private final Map<Long, UserDto> users = new HashMap<>();
  private final Map<Long, CalendarCredentialsDto> credentials = new HashMap<>();
  private final List<Put> puts = new ArrayList<>();
  private final List<Long> deletes = new ArrayList<>();

  /** One PUT of credentials as rest-service received it. */
  public record Put(long userId, PutCalendarCredentialsRequest request) {}

  public FakeRestService(String token) {
    this.token = token;
    server = new FakeHttpServer("rest-service", 0, this::handle);
    server.start();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.stop();
  }

  public synchronized void reset() {
    users.clear();
    credentials.clear();
    puts.clear();
    deletes.clear();
  }

  public synchronized void addUser(long id, long telegramId) {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    users.put(
        id,
        new UserDto(
            id,
            telegramId,
            "user" + id,
            "User",
            null,
            "Europe/Berlin",
            "en",
            UserStatus.ACTIVE,
            now,
            now));
  }

  /** The credentials rest-service holds for the user, or null. */
  public synchronized CalendarCredentialsDto credentials(long userId) {
    return credentials.get(userId);
  }

  public synchronized List<Put> puts() {
    return List.copyOf(puts);
  }

  public synchronized List<Long> deletes() {
    return List.copyOf(deletes);
  }

  private void handle(HttpExchange exchange) throws IOException {
    if (!InternalToken.matches(
        token, exchange.getRequestHeaders().getFirst(InternalToken.HEADER))) {
      respond(exchange, 401, problem(401, "missing or wrong internal token"));
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String method = exchange.getRequestMethod();
    byte[] body = FakeHttpServer.readBody(exchange);
    Answer answer;
    synchronized (this) {
      Matcher user = USER.matcher(path);
      Matcher creds = CREDENTIALS.matcher(path);
      if (user.matches() && method.equals("GET")) {
        UserDto found = users.get(Long.parseLong(user.group(1)));
        answer = found == null ? notFound("user") : new Answer(200, found);
      } else if (creds.matches()) {
        answer = credentials(method, Long.parseLong(creds.group(1)), body);
      } else {
        answer = notFound("path");
      }
    }
    respond(exchange, answer.status(), answer.body());
  }

  private Answer credentials(String method, long userId, byte[] body) {
    if (!users.containsKey(userId)) {
      return notFound("user");
    }
    CalendarCredentialsDto existing = credentials.get(userId);
    switch (method) {
      case "GET" -> {
        return existing == null ? notFound("credentials") : new Answer(200, existing);
      }
      case "DELETE" -> {
        if (existing == null) {
          return notFound("credentials");
        }
        credentials.remove(userId);
        deletes.add(userId);
        return new Answer(204, null);
      }
      case "PUT" -> {
        PutCalendarCredentialsRequest request =
            json.readValue(body, PutCalendarCredentialsRequest.class);
        boolean noRefresh = request.refreshToken() == null || request.refreshToken().isBlank();
        if (existing == null && noRefresh) {
          return new Answer(400, problem(400, "refreshToken is required the first time"));
        }
        puts.add(new Put(userId, request));
        Instant now = Instant.now();
        CalendarCredentialsDto stored =
            new CalendarCredentialsDto(
                userId,
                request.accessToken(),
                noRefresh ? existing.refreshToken() : request.refreshToken(),
                request.expiresAt(),
                request.scope() != null
                    ? request.scope()
                    : existing == null ? null : existing.scope(),
                existing == null ? now : existing.createdAt(),
                now);
        credentials.put(userId, stored);
        return new Answer(existing == null ? 201 : 200, stored);
      }
      default -> {
        return new Answer(405, problem(405, "method not allowed"));
      }
    }
  }

  private Answer notFound(String what) {
    return new Answer(404, problem(404, what + " not found"));
  }

  private static Map<String, Object> problem(int status, String detail) {
    return Map.of("type", "about:blank", "status", status, "detail", detail);
  }

  private void respond(HttpExchange exchange, int status, Object body) {
    if (body == null) {
      FakeHttpServer.respond(exchange, status, (String) null, new byte[0]);
      return;
    }
    FakeHttpServer.respond(
        exchange,
        status,
        status >= 400 ? "application/problem+json" : "application/json",
        json.writeValueAsBytes(body));
  }

  private record Answer(int status, Object body) {}
}
