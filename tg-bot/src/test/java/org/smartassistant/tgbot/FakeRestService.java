package org.smartassistant.tgbot;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.SecretarySource;
import org.smartassistant.common.api.SetSecretaryRequest;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * The few rest-service endpoints tg-bot calls (users, secretaries, reminders, memories) and
 * calendar-service's auth link, in memory, speaking their JSON: the outer edge of tg-bot's module
 * tests. The real services meet tg-bot in the e2e suite.
 */
public final class FakeRestService implements AutoCloseable {

  private static final Pattern USER_BY_TELEGRAM =
      Pattern.compile("/api/users/by-telegram/(-?\\d+)");
  private static final Pattern USER = Pattern.compile("/api/users/(\\d+)");
  private static final Pattern USER_SECRETARY = Pattern.compile("/api/users/(\\d+)/secretary");
  private static final Pattern MEMORIES = Pattern.compile("/api/users/(\\d+)/memories");
  private static final Pattern MEMORY = Pattern.compile("/api/users/(\\d+)/memories/(\\d+)");
  private static final Pattern AUTH_URL = Pattern.compile("/auth/url/(\\d+)");

  private final JsonMapper json = JsonMapper.builder().build();
  private final FakeHttpServer server;
  private final AtomicLong nextUserId = new AtomicLong(1);
  private final Map<Long, UserDto> users = new ConcurrentHashMap<>();
  private final Map<Long, UUID> assignments = new ConcurrentHashMap<>();
  private final Map<Long, List<ReminderDto>> reminders = new ConcurrentHashMap<>();
  private final Map<Long, List<MemoryDto>> memories = new ConcurrentHashMap<>();
  private final AtomicLong nextMemoryId = new AtomicLong(1);
  private final Map<Long, Duration> slowLookups = new ConcurrentHashMap<>();
  private final Set<Long> failingLookups = ConcurrentHashMap.newKeySet();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile List<AssistantDto> secretaries = List.of();
  private volatile String calendarAuthUrl = "https://accounts.example.org/auth?state=abc";
  private volatile boolean calendarConfigured = true;

  public FakeRestService() {
    server = new FakeHttpServer("rest-service", 0, this::handle);
  }

  public FakeRestService start() {
    server.start();
    return this;
  }

  @Override
  public void close() {
    server.stop();
  }

  public String baseUrl() {
    return server.baseUrl();
  }

  /** Forgets users, choices, reminders and recorded requests; one default secretary. */
  public void reset() {
    users.clear();
    assignments.clear();
    reminders.clear();
    memories.clear();
    slowLookups.clear();
    failingLookups.clear();
    requests.clear();
    secretaries =
        List.of(secretary("Ada", "Hello, I'm Ada, your secretary. What can I do for you?"));
    calendarConfigured = true;
  }

  // ---------------------------------------------------------------- arranging

  public static AssistantDto secretary(String name, String startupMessage) {
    return new AssistantDto(
        UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)),
        name,
        name + " helps you",
        true,
        LlmProvider.OPENAI,
        "gpt-test",
        "Be helpful.",
        startupMessage,
        0.2,
        true,
        Instant.EPOCH,
        Instant.EPOCH);
  }

  public void setSecretaries(AssistantDto... offered) {
    secretaries = List.of(offered);
  }

  public UserDto addUser(long telegramId, UserStatus status) {
    long id = nextUserId.getAndIncrement();
    UserDto user =
        new UserDto(
            id,
            telegramId,
            "user" + telegramId,
            "User",
            null,
            "Europe/Lisbon",
            "en",
            status,
            Instant.EPOCH,
            Instant.EPOCH);
    users.put(id, user);
    return user;
  }

  public void addReminder(long userId, ReminderDto reminder) {
    reminders.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(reminder);
  }

  /** Keeps a fact about the user, as rest-service would. */
  public MemoryDto addMemory(long userId, String content) {
    MemoryDto fact = new MemoryDto(nextMemoryId.getAndIncrement(), userId, content, Instant.now());
    memories.computeIfAbsent(userId, id -> new CopyOnWriteArrayList<>()).add(fact);
    return fact;
  }

  /** The facts kept about the user, oldest first. */
  public List<MemoryDto> memories(long userId) {
    return List.copyOf(memories.getOrDefault(userId, List.of()));
  }

  /** Lookups of this Telegram user answer only after the delay. */
  public void slowLookup(long telegramId, Duration delay) {
    slowLookups.put(telegramId, delay);
  }

  /** Lookups of this Telegram user answer 500, as if rest-service failed on this one user. */
  public void failingLookup(long telegramId) {
    failingLookups.add(telegramId);
  }

  public void calendarNotConfigured() {
    calendarConfigured = false;
  }

  public String calendarAuthUrl() {
    return calendarAuthUrl;
  }

  // ---------------------------------------------------------------- inspecting

  public UserDto userByTelegramId(long telegramId) {
    return users.values().stream()
        .filter(user -> user.telegramId() == telegramId)
        .findFirst()
        .orElse(null);
  }

  public UUID assignedSecretary(long userId) {
    return assignments.get(userId);
  }

  /** "METHOD path body" of every request, in arrival order. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String body = new String(FakeHttpServer.readBody(exchange), StandardCharsets.UTF_8);
      requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
      Answer answer =
          answer(
              method, path, FakeHttpServer.parseForm(exchange.getRequestURI().getRawQuery()), body);
      FakeHttpServer.respond(
          exchange,
          answer.status,
          answer.status < 300 ? "application/json" : "application/problem+json",
          answer.body.getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      FakeHttpServer.abort(exchange);
    }
  }

  private Answer answer(String method, String path, Map<String, String> query, String body)
      throws InterruptedException {
    Matcher m;
    if (method.equals("GET") && (m = USER_BY_TELEGRAM.matcher(path)).matches()) {
      long telegramId = Long.parseLong(m.group(1));
      Duration slow = slowLookups.get(telegramId);
      if (slow != null) {
        Thread.sleep(slow.toMillis());
      }
      if (failingLookups.contains(telegramId)) {
        return problem(500, "failed on user " + telegramId);
      }
      UserDto user = userByTelegramId(telegramId);
      return user == null ? problem(404, "no user with telegramId " + telegramId) : ok(user);
    }
    if (method.equals("POST") && path.equals("/api/users")) {
      CreateUserRequest request = json.readValue(body, CreateUserRequest.class);
      synchronized (users) {
        if (userByTelegramId(request.telegramId()) != null) {
          return problem(409, "exists");
        }
        long id = nextUserId.getAndIncrement();
        UserDto user =
            new UserDto(
                id,
                request.telegramId(),
                request.username(),
                request.firstName(),
                null,
                request.timezone() == null ? "Europe/Lisbon" : request.timezone(),
                request.language() == null ? "en" : request.language(),
                UserStatus.ACTIVE,
                Instant.now(),
                Instant.now());
        users.put(id, user);
        return new Answer(201, json.writeValueAsString(user));
      }
    }
    if (method.equals("PATCH") && (m = USER.matcher(path)).matches()) {
      UserDto user = users.get(Long.parseLong(m.group(1)));
      if (user == null) {
        return problem(404, "no such user");
      }
      UpdateUserRequest request = json.readValue(body, UpdateUserRequest.class);
      UserDto updated =
          new UserDto(
              user.id(),
              user.telegramId(),
              user.username(),
              user.firstName(),
              user.preferredName(),
              request.timezone() != null ? request.timezone() : user.timezone(),
              user.language(),
              request.status() != null ? request.status() : user.status(),
              user.createdAt(),
              Instant.now());
      users.put(updated.id(), updated);
      return ok(updated);
    }
    if (method.equals("GET") && path.equals("/api/secretaries")) {
      List<AssistantDto> offered = secretaries;
      return ok(new PageDto<>(offered, 0, 20, offered.size(), 1));
    }
    if ((m = USER_SECRETARY.matcher(path)).matches()) {
      long userId = Long.parseLong(m.group(1));
      if (method.equals("PUT")) {
        UUID chosen = json.readValue(body, SetSecretaryRequest.class).assistantId();
        AssistantDto secretary = find(chosen);
        if (secretary == null) {
          return problem(400, "assistantId must name an active secretary assistant");
        }
        assignments.put(userId, chosen);
        return ok(new UserSecretaryDto(userId, secretary, SecretarySource.ASSIGNED, Instant.now()));
      }
      UUID assigned = assignments.get(userId);
      AssistantDto secretary = assigned == null ? null : find(assigned);
      if (secretary != null) {
        return ok(new UserSecretaryDto(userId, secretary, SecretarySource.ASSIGNED, Instant.now()));
      }
      List<AssistantDto> offered = secretaries;
      return offered.isEmpty()
          ? problem(404, "no secretary")
          : ok(new UserSecretaryDto(userId, offered.get(0), SecretarySource.DEFAULT, null));
    }
    if (method.equals("GET") && path.equals("/api/reminders")) {
      List<ReminderDto> list =
          reminders.getOrDefault(Long.parseLong(query.get("userId")), List.of());
      return ok(new PageDto<>(list, 0, 50, list.size(), 1));
    }
    if (method.equals("DELETE") && (m = MEMORY.matcher(path)).matches()) {
      long memoryId = Long.parseLong(m.group(2));
      // only the user's own facts: another user's id is not found, as in rest-service
      boolean removed =
          memories
              .getOrDefault(Long.parseLong(m.group(1)), new ArrayList<>())
              .removeIf(fact -> fact.id() == memoryId);
      return removed ? new Answer(204, "") : problem(404, "no memory " + memoryId);
    }
    if ((m = MEMORIES.matcher(path)).matches()) {
      long userId = Long.parseLong(m.group(1));
      if (method.equals("DELETE")) {
        memories.remove(userId);
        return new Answer(204, "");
      }
      List<MemoryDto> newest = new ArrayList<>(memories(userId));
      java.util.Collections.reverse(newest);
      return ok(newest);
    }
    if (method.equals("GET") && AUTH_URL.matcher(path).matches()) {
      if (!calendarConfigured) {
        return new Answer(
            503, "{\"title\":\"Service Unavailable\",\"status\":503,\"code\":\"not_configured\"}");
      }
      return ok(Map.of("authUrl", calendarAuthUrl));
    }
    return problem(404, "not modelled: " + method + " " + path);
  }

  private AssistantDto find(UUID id) {
    return secretaries.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
  }

  private Answer ok(Object value) {
    return new Answer(200, json.writeValueAsString(value));
  }

  private Answer problem(int status, String detail) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("status", status);
    problem.put("detail", detail);
    return new Answer(status, json.writeValueAsString(problem));
  }

  /** A status and its JSON body. */
  private record Answer(int status, String body) {}

  /** For tests that need a list of users created so far. */
  public List<UserDto> users() {
    return new ArrayList<>(users.values());
  }
}
