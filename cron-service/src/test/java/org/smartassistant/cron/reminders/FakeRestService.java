package org.smartassistant.cron.reminders;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartassistant.common.api.CreateReminderRunRequest;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.ScheduledRemindersPage;
import org.smartassistant.common.api.UpdateReminderRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.reminders.ReminderCron;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * rest-service as cron-service sees it, for this module's tests: just the endpoints the scheduler
 * calls (the scheduled list with its cursor, a reminder by id, POST of a run with 409 on a
 * duplicate, which moves the reminder on as rest-service does, and a user by id), plus PATCH of a
 * reminder's status; backed by maps, speaking JSON and problem details, and checking the internal
 * token. It can be taken down (503) to play an outage.
 */
final class FakeRestService implements AutoCloseable {

  static final String TOKEN = "cron-test-token-0123456789abcdef";

  private static final Pattern REMINDER = Pattern.compile("/api/reminders/([0-9a-f-]{36})");
  private static final Pattern RUNS = Pattern.compile("/api/reminders/([0-9a-f-]{36})/runs");
  private static final Pattern USER = Pattern.compile("/api/users/(\\d+)");
  private static final Set<ReminderStatus> FINAL =
      Set.of(ReminderStatus.COMPLETED, ReminderStatus.CANCELLED, ReminderStatus.MISSED);

  private final JsonMapper json = JsonMapper.builder().build();
  private final FakeHttpServer server;
  private final Map<UUID, ReminderDto> reminders = new ConcurrentHashMap<>();
  private final Map<Long, UserDto> users = new ConcurrentHashMap<>();
  private final Map<String, ReminderRunDto> runs = new ConcurrentHashMap<>();
  private final AtomicLong runIds = new AtomicLong();
  private final AtomicInteger duplicateRuns = new AtomicInteger();
  private final AtomicInteger scheduledPagesServed = new AtomicInteger();
  private final AtomicBoolean down = new AtomicBoolean();
  private volatile int failScheduledPagesFrom = Integer.MAX_VALUE;

  private FakeRestService() {
    server = new FakeHttpServer("rest-service", 0, this::handle);
    server.start();
  }

  static FakeRestService start() {
    return new FakeRestService();
  }

  String baseUrl() {
    return server.baseUrl();
  }

  @Override
  public void close() {
    server.stop();
  }

  // state

  UserDto addUser(long id, long telegramId) {
    UserDto user =
        new UserDto(
            id,
            telegramId,
            "user" + id,
            "User",
            null,
            "Europe/Berlin",
            "en",
            UserStatus.ACTIVE,
            Instant.EPOCH,
            Instant.EPOCH);
    users.put(id, user);
    return user;
  }

  /** Blocks the user, as an operator does with {@code PATCH /api/users/{id}}. */
  void block(long id) {
    users.computeIfPresent(
        id,
        (key, u) ->
            new UserDto(
                u.id(),
                u.telegramId(),
                u.username(),
                u.firstName(),
                u.preferredName(),
                u.timezone(),
                u.language(),
                UserStatus.BLOCKED,
                u.createdAt(),
                Instant.now()));
  }

  /** Removes the user with its reminders, as rest-service's user deletion does. */
  void removeUser(long id) {
    users.remove(id);
    reminders.values().removeIf(reminder -> reminder.userId() == id);
  }

  ReminderDto put(ReminderDto reminder) {
    reminders.put(reminder.id(), reminder);
    return reminder;
  }

  void delete(UUID id) {
    reminders.remove(id);
  }

  ReminderDto reminder(UUID id) {
    return reminders.get(id);
  }

  /** The recorded runs of a reminder. */
  List<ReminderRunDto> runsOf(UUID reminderId) {
    return runs.values().stream()
        .filter(run -> run.reminderId().equals(reminderId))
        .sorted(Comparator.comparing(ReminderRunDto::scheduledFor))
        .toList();
  }

  Collection<ReminderRunDto> allRuns() {
    return List.copyOf(runs.values());
  }

  /** Runs refused with 409 because that reminder and time had been recorded already. */
  int duplicateRuns() {
    return duplicateRuns.get();
  }

  int scheduledPagesServed() {
    return scheduledPagesServed.get();
  }

  /** Every call answers 503 while down. */
  void down(boolean isDown) {
    down.set(isDown);
  }

  /** The scheduled list answers 503 from its n-th page (0-based) on. */
  void failScheduledPagesFrom(int page) {
    failScheduledPagesFrom = page;
  }

  // HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
        problem(exchange, 401, "missing or wrong internal token");
        return;
      }
      if (down.get()) {
        problem(exchange, 503, "rest-service is down");
        return;
      }
      String method = exchange.getRequestMethod();
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      Matcher matcher;
      if (method.equals("GET") && path.equals("/api/reminders/scheduled")) {
        scheduled(exchange, query(uri));
      } else if ((matcher = RUNS.matcher(path)).matches() && method.equals("POST")) {
        recordRun(exchange, UUID.fromString(matcher.group(1)));
      } else if ((matcher = REMINDER.matcher(path)).matches()) {
        UUID id = UUID.fromString(matcher.group(1));
        switch (method) {
          case "GET" -> getReminder(exchange, id);
          case "PATCH" -> patchReminder(exchange, id);
          default -> problem(exchange, 405, method + " is not faked");
        }
      } else if ((matcher = USER.matcher(path)).matches() && method.equals("GET")) {
        UserDto user = users.get(Long.parseLong(matcher.group(1)));
        if (user == null) {
          problem(exchange, 404, "no user " + matcher.group(1));
        } else {
          respond(exchange, 200, user);
        }
      } else {
        problem(exchange, 404, method + " " + path + " is not faked");
      }
    } catch (RuntimeException e) {
      problem(exchange, 500, "fake failed: " + e);
    }
  }

  private void scheduled(HttpExchange exchange, Map<String, String> query) throws IOException {
    int page = scheduledPagesServed.getAndIncrement();
    if (page >= failScheduledPagesFrom) {
      problem(exchange, 503, "database unavailable");
      return;
    }
    int size = Integer.parseInt(query.getOrDefault("size", "50"));
    String after = query.get("after");
    // ordered by id as PostgreSQL orders uuids: by their text
    List<ReminderDto> active =
        reminders.values().stream()
            .filter(r -> r.status() == ReminderStatus.ACTIVE)
            .filter(r -> after == null || r.id().toString().compareTo(after) > 0)
            .sorted(Comparator.comparing(r -> r.id().toString()))
            .toList();
    List<ReminderDto> items = active.subList(0, Math.min(size, active.size()));
    UUID next = active.size() > size ? items.get(items.size() - 1).id() : null;
    respond(exchange, 200, new ScheduledRemindersPage(items, next));
  }

  private void getReminder(HttpExchange exchange, UUID id) throws IOException {
    ReminderDto reminder = reminders.get(id);
    if (reminder == null) {
      problem(exchange, 404, "no reminder " + id);
    } else {
      respond(exchange, 200, reminder);
    }
  }

  private void patchReminder(HttpExchange exchange, UUID id) throws IOException {
    UpdateReminderRequest update = read(exchange, UpdateReminderRequest.class);
    ReminderDto[] result = new ReminderDto[1];
    boolean[] conflict = new boolean[1];
    reminders.computeIfPresent(
        id,
        (key, r) -> {
          if (update.status() != null
              && update.status() != r.status()
              && FINAL.contains(r.status())) {
            conflict[0] = true;
            return r;
          }
          result[0] =
              new ReminderDto(
                  r.id(),
                  r.userId(),
                  r.assistantId(),
                  r.type(),
                  update.triggerAt() != null ? update.triggerAt() : r.triggerAt(),
                  update.cronExpression() != null ? update.cronExpression() : r.cronExpression(),
                  update.timezone() != null ? update.timezone() : r.timezone(),
                  update.text() != null ? update.text() : r.text(),
                  update.status() != null ? update.status() : r.status(),
                  update.lastTriggeredAt() != null ? update.lastTriggeredAt() : r.lastTriggeredAt(),
                  update.nextTriggerAt() != null ? update.nextTriggerAt() : r.nextTriggerAt(),
                  r.createdAt(),
                  Instant.now(),
                  update.missedRunPolicy() != null
                      ? update.missedRunPolicy()
                      : r.missedRunPolicy());
          return result[0];
        });
    if (conflict[0]) {
      problem(exchange, 409, "reminder " + id + " is final");
    } else if (result[0] == null) {
      problem(exchange, 404, "no reminder " + id);
    } else {
      respond(exchange, 200, result[0]);
    }
  }

  private void recordRun(HttpExchange exchange, UUID id) throws IOException {
    CreateReminderRunRequest request = read(exchange, CreateReminderRunRequest.class);
    if (!reminders.containsKey(id)) {
      problem(exchange, 404, "no reminder " + id);
      return;
    }
    UserDto user = users.get(reminders.get(id).userId());
    Instant firedAt = request.firedAt() != null ? request.firedAt() : Instant.now();
    boolean blocked = user != null && user.status() == UserStatus.BLOCKED;
    boolean skippedByPolicy =
        reminders.get(id).missedRunPolicy() == MissedRunPolicy.SKIP
            && firedAt.isAfter(request.scheduledFor());
    if (request.status() == ReminderRunStatus.SKIPPED && !blocked && !skippedByPolicy) {
      problem(
          exchange,
          400,
          "status skipped is only for reminders of a blocked user, or for a late run of a"
              + " reminder whose missedRunPolicy is skip");
      return;
    }
    ReminderRunDto run =
        new ReminderRunDto(
            runIds.incrementAndGet(),
            id,
            request.scheduledFor(),
            firedAt,
            request.status(),
            request.detail(),
            Instant.now());
    // the unique key of reminder_runs: (reminder_id, scheduled_for)
    if (runs.putIfAbsent(id + "|" + request.scheduledFor(), run) != null) {
      duplicateRuns.incrementAndGet();
      problem(exchange, 409, "run of " + id + " for " + request.scheduledFor() + " exists");
      return;
    }
    reminders.computeIfPresent(id, (key, reminder) -> advance(reminder, run, blocked));
    respond(exchange, 201, run);
  }

  /**
   * What rest-service does to an active reminder when a run is recorded (docs/rest-api.md):
   * delivered or late completes a one-time reminder and sets lastTriggeredAt, missed marks it
   * missed, skipped cancels it when the user is blocked and marks it missed when its policy skipped
   * it; a recurring one gets its next time.
   */
  private static ReminderDto advance(ReminderDto r, ReminderRunDto run, boolean blocked) {
    if (r.status() != ReminderStatus.ACTIVE || run.status() == ReminderRunStatus.FAILED) {
      return r;
    }
    boolean delivered =
        run.status() == ReminderRunStatus.DELIVERED || run.status() == ReminderRunStatus.LATE;
    Instant last =
        delivered && (r.lastTriggeredAt() == null || run.firedAt().isAfter(r.lastTriggeredAt()))
            ? run.firedAt()
            : r.lastTriggeredAt();
    ReminderStatus status = r.status();
    Instant next;
    if (r.type() == ReminderType.ONE_TIME) {
      status =
          delivered
              ? ReminderStatus.COMPLETED
              : run.status() == ReminderRunStatus.SKIPPED && blocked
                  ? ReminderStatus.CANCELLED
                  : ReminderStatus.MISSED;
      next = null;
    } else {
      Instant now = Instant.now();
      Instant from = run.scheduledFor().isAfter(now) ? run.scheduledFor() : now;
      next = ReminderCron.parse(r.cronExpression()).next(from, ZoneId.of(r.timezone()));
    }
    return new ReminderDto(
        r.id(),
        r.userId(),
        r.assistantId(),
        r.type(),
        r.triggerAt(),
        r.cronExpression(),
        r.timezone(),
        r.text(),
        status,
        last,
        next,
        r.createdAt(),
        Instant.now(),
        r.missedRunPolicy());
  }

  private <T> T read(HttpExchange exchange, Class<T> type) throws IOException {
    return json.readValue(FakeHttpServer.readBody(exchange), type);
  }

  private static Map<String, String> query(URI uri) {
    return FakeHttpServer.parseForm(uri.getRawQuery());
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    FakeHttpServer.respond(exchange, status, "application/json", json.writeValueAsBytes(body));
  }

  private void problem(HttpExchange exchange, int status, String detail) throws IOException {
    Map<String, Object> problem = new HashMap<>();
    problem.put("type", "about:blank");
    problem.put("status", status);
    problem.put("detail", detail);
    FakeHttpServer.respond(
        exchange, status, "application/problem+json", json.writeValueAsBytes(problem));
  }

  /** All reminders, for assertions. */
  List<ReminderDto> reminders() {
    return new ArrayList<>(reminders.values());
  }
}
