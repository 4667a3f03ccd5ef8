package org.smartassistant.assistant.tools.reminders;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartassistant.assistant.FakeRestService;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * rest-service's reminder resource as the reminder tools use it, for this package's tests: create
 * (with the service's main validation answers as problem details), list by user and status with
 * paging, one reminder, and status changes; the internal token is checked. The real service runs in
 * the e2e module's reminder scenarios.
 */
final class FakeReminderApi implements AutoCloseable {

  static final String TOKEN = FakeRestService.TOKEN;

  private static final Pattern ONE = Pattern.compile("/api/reminders/([0-9a-f-]{36})");

  private final JsonMapper json = JsonMapper.builder().build();
  private final FakeHttpServer server;

  // guarded by this
  private final Map<UUID, ReminderDto> reminders = new LinkedHashMap<>();
  private final List<String> requests = new ArrayList<>();
  private Map.Entry<Integer, Map<String, Object>> refusal;
  private final List<String> createKeys = new ArrayList<>();

  private final Supplier<Instant> clock;

  /**
   * @param clock rest-service's "now" (the test's clock), from which a recurring reminder's next
   *     time is computed
   */
  FakeReminderApi(Supplier<Instant> clock) {
    this.clock = clock;
    server = new FakeHttpServer("rest-service", 0, this::handle);
    server.start();
  }

  String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.stop();
  }

  synchronized void clear() {
    reminders.clear();
    requests.clear();
    refusal = null;
    createKeys.clear();
  }

  /**
   * The next create is refused with this status and problem detail, as rest-service refuses what
   * breaks its limits (a schedule firing too often, too many active reminders).
   */
  synchronized void refuseNextCreate(int status, Map<String, Object> problem) {
    refusal = Map.entry(status, problem);
  }

  /** A reminder of the given user, as if created earlier through the API. */
  synchronized ReminderDto add(long userId, String text, Instant triggerAt) {
    ReminderDto reminder =
        new ReminderDto(
            UUID.randomUUID(),
            userId,
            null,
            ReminderType.ONE_TIME,
            triggerAt,
            null,
            "UTC",
            text,
            ReminderStatus.ACTIVE,
            null,
            triggerAt,
            Instant.now(),
            Instant.now(),
            MissedRunPolicy.DELIVER_LATE);
    reminders.put(reminder.id(), reminder);
    return reminder;
  }

  synchronized List<ReminderDto> reminders() {
    return List.copyOf(reminders.values());
  }

  synchronized ReminderDto reminder(UUID id) {
    return reminders.get(id);
  }

  /** The Idempotency-Key of each create received, in order (null: none). */
  synchronized List<String> createKeys() {
    return new ArrayList<>(createKeys);
  }

  /** Requests received, as {@code "<METHOD> <path>"}. */
  synchronized List<String> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
        respond(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
        return;
      }
      Matcher matcher;
      synchronized (this) {
        requests.add(method + " " + path);
        if (path.equals("/api/reminders") && method.equals("POST")) {
          create(exchange);
        } else if (path.equals("/api/reminders") && method.equals("GET")) {
          list(exchange, query(exchange.getRequestURI().getRawQuery()));
        } else if ((matcher = ONE.matcher(path)).matches()) {
          ReminderDto reminder = reminders.get(UUID.fromString(matcher.group(1)));
          if (reminder == null) {
            notFound(exchange);
          } else if (method.equals("GET")) {
            respond(exchange, 200, reminder);
          } else if (method.equals("PATCH")) {
            update(exchange, reminder);
          } else {
            notFound(exchange);
          }
        } else {
          notFound(exchange);
        }
      }
    }
  }

  private void create(HttpExchange exchange) throws IOException {
    createKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
    CreateReminderRequest request =
        json.readValue(FakeHttpServer.readBody(exchange), CreateReminderRequest.class);
    Instant now = clock.get();
    if (refusal != null) {
      respond(exchange, refusal.getKey(), refusal.getValue());
      refusal = null;
      return;
    }
    String problem = null;
    if (request.type() == ReminderType.ONE_TIME && request.triggerAt() == null) {
      problem = "triggerAt";
    } else if (request.type() == ReminderType.RECURRING
        && (request.cronExpression() == null
            || request.cronExpression().strip().split("\\s+").length != 5)) {
      problem = "cronExpression";
    }
    if (problem != null) {
      respond(
          exchange,
          400,
          Map.of(
              "title",
              "Bad Request",
              "status",
              400,
              "errors",
              List.of(Map.of("field", problem, "message", "is invalid"))));
      return;
    }
    ReminderDto reminder = FakeRestService.created(request, now);
    reminders.put(reminder.id(), reminder);
    respond(exchange, 201, reminder);
  }

  private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
    int page = Integer.parseInt(query.getOrDefault("page", "0"));
    int size = Integer.parseInt(query.getOrDefault("size", "20"));
    List<ReminderDto> matching =
        reminders.values().stream()
            .filter(
                r ->
                    !query.containsKey("userId")
                        || r.userId().equals(Long.valueOf(query.get("userId"))))
            .filter(
                r ->
                    !query.containsKey("status")
                        || r.status().name().equalsIgnoreCase(query.get("status")))
            .toList();
    int from = Math.min(page * size, matching.size());
    int to = Math.min(from + size, matching.size());
    respond(
        exchange,
        200,
        new PageDto<>(
            matching.subList(from, to),
            page,
            size,
            matching.size(),
            (matching.size() + size - 1) / size));
  }

  private void update(HttpExchange exchange, ReminderDto reminder) throws IOException {
    UpdateReminderRequest request =
        json.readValue(FakeHttpServer.readBody(exchange), UpdateReminderRequest.class);
    ReminderStatus status = request.status() == null ? reminder.status() : request.status();
    if (reminder.status() != ReminderStatus.ACTIVE && reminder.status() != ReminderStatus.PAUSED) {
      respond(exchange, 409, Map.of("title", "Conflict", "status", 409));
      return;
    }
    ReminderDto updated =
        new ReminderDto(
            reminder.id(),
            reminder.userId(),
            reminder.assistantId(),
            reminder.type(),
            reminder.triggerAt(),
            reminder.cronExpression(),
            reminder.timezone(),
            reminder.text(),
            status,
            reminder.lastTriggeredAt(),
            reminder.nextTriggerAt(),
            reminder.createdAt(),
            Instant.now(),
            request.missedRunPolicy() == null
                ? reminder.missedRunPolicy()
                : request.missedRunPolicy());
    reminders.put(updated.id(), updated);
    respond(exchange, 200, updated);
  }

  /** The query's parameters, their values lower-cased. */
  private static Map<String, String> query(String raw) {
    Map<String, String> values = FakeHttpServer.parseForm(raw);
    values.replaceAll((name, value) -> value.toLowerCase(Locale.ROOT));
    return values;
  }

  private void notFound(HttpExchange exchange) throws IOException {
    respond(exchange, 404, Map.of("title", "Not Found", "status", 404));
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    FakeHttpServer.respond(
        exchange,
        status,
        status >= 400 ? "application/problem+json" : "application/json",
        json.writeValueAsBytes(body));
  }
}
