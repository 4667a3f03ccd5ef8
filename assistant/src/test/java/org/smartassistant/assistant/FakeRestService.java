package org.smartassistant.assistant;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.AppendTurnsRequest;
import org.smartassistant.common.api.AppendTurnsResult;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.SaveMemoryRequest;
import org.smartassistant.common.api.SecretarySource;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.TurnContextDto;
import org.smartassistant.common.api.UsageDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.reminders.ReminderCron;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * rest-service as the assistant sees it, for the module's tests: users, their secretary, the tools
 * linked to assistants, settings, the message history, the facts kept and the usage, with
 * rest-service's answers (404 for unknown users), the internal token checked and every request
 * counted. The real service runs in the e2e module.
 */
public final class FakeRestService implements AutoCloseable {

  public static final String TOKEN = "test-internal-token-0123456789abcdef";

  private static final Pattern USER = Pattern.compile("/api/users/(\\d+)");
  private static final Pattern SECRETARY = Pattern.compile("/api/users/(\\d+)/secretary");
  private static final Pattern MESSAGES = Pattern.compile("/api/users/(\\d+)/messages");
  private static final Pattern MESSAGE_WINDOW =
      Pattern.compile("/api/users/(\\d+)/messages/window");
  private static final Pattern MESSAGE_BATCH = Pattern.compile("/api/users/(\\d+)/messages/batch");
  private static final Pattern MEMORIES = Pattern.compile("/api/users/(\\d+)/memories");
  private static final Pattern MEMORY = Pattern.compile("/api/users/(\\d+)/memories/(\\d+)");
  private static final Pattern USAGE = Pattern.compile("/api/users/(\\d+)/usage");
  private static final Pattern TURN_CONTEXT = Pattern.compile("/api/users/(\\d+)/turn-context");
  private static final Pattern TOOLS = Pattern.compile("/api/assistants/([0-9a-f-]+)/tools");
  private static final Pattern ASSISTANT = Pattern.compile("/api/assistants/([0-9a-f-]+)");
  private static final Pattern MCP_SERVER = Pattern.compile("/api/mcp-servers/([0-9a-f-]+)");
  private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

  private final JsonMapper json = JsonMapper.builder().build();
  private final FakeHttpServer server;
  private final AtomicLong messageIds = new AtomicLong();
  private final AtomicLong memoryIds = new AtomicLong();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private volatile CountDownLatch historyHeld;
  private volatile boolean turnBatchesRefused;

  // guarded by this
  private final Map<Long, UserDto> users = new HashMap<>();
  private final Map<Long, AssistantDto> secretaries = new HashMap<>();
  private final Map<UUID, AssistantDto> assistants = new HashMap<>();
  private final Map<UUID, List<ToolDto>> tools = new HashMap<>();
  private final Map<UUID, McpServerDto> mcpServers = new HashMap<>();
  private final Map<Long, List<MessageDto>> messages = new HashMap<>();
  private final List<String> reminderKeys = new ArrayList<>();
  private final List<String> messageKeys = new ArrayList<>();
  private final List<List<Long>> turnBatches = new ArrayList<>();
  private final Map<Long, List<RecordUsageRequest>> usage = new HashMap<>();
  private final Map<Long, List<MemoryDto>> memories = new HashMap<>();
  private int memoryCap = 100;
  private SettingsDto settings = new SettingsDto("UTC", "en", 20, null, CREATED);

  public FakeRestService() {
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

  // ---------------------------------------------------------------- set-up

  public synchronized UserDto addUser(long id, String name, String timezone) {
    UserDto user =
        new UserDto(
            id,
            500_000 + id,
            name.toLowerCase(),
            name,
            null,
            timezone,
            "en",
            UserStatus.ACTIVE,
            CREATED,
            CREATED);
    users.put(id, user);
    return user;
  }

  /** Marks the user as blocked by an administrator. */
  public synchronized void block(long id) {
    UserDto user = users.get(id);
    users.put(
        id,
        new UserDto(
            user.id(),
            user.telegramId(),
            user.username(),
            user.firstName(),
            user.preferredName(),
            user.timezone(),
            user.language(),
            UserStatus.BLOCKED,
            user.createdAt(),
            user.updatedAt()));
  }

  /** A secretary on the OpenAI provider with the given instructions, assigned to the user. */
  public synchronized AssistantDto assignSecretary(long userId, String instructions) {
    return assignSecretary(userId, instructions, "gpt-4o-mini");
  }

  /** As the other, on the given OpenAI model. */
  public synchronized AssistantDto assignSecretary(long userId, String instructions, String model) {
    AssistantDto assistant =
        new AssistantDto(
            UUID.randomUUID(),
            "Secretary " + userId,
            "test secretary",
            true,
            LlmProvider.OPENAI,
            model,
            instructions,
            "Hello!",
            null,
            true,
            CREATED,
            CREATED);
    secretaries.put(userId, assistant);
    assistants.put(assistant.id(), assistant);
    return assistant;
  }

  /** An assistant that is no secretary (a sub-assistant), found by id; {@code name} as given. */
  public synchronized AssistantDto addAssistant(
      String name, String model, Double temperature, String instructions, boolean active) {
    AssistantDto assistant =
        new AssistantDto(
            UUID.randomUUID(),
            name,
            "test assistant " + name,
            false,
            LlmProvider.OPENAI,
            model,
            instructions,
            null,
            temperature,
            active,
            CREATED,
            CREATED);
    assistants.put(assistant.id(), assistant);
    return assistant;
  }

  /** Replaces an assistant (same id), as a PATCH in rest-service would; no change event. */
  public synchronized void updateAssistant(AssistantDto assistant) {
    assistants.put(assistant.id(), assistant);
  }

  /** A {@code sub_assistant} tool of {@code assistantId} that delegates to {@code delegateId}. */
  public synchronized ToolDto linkSubAssistant(UUID assistantId, String name, UUID delegateId) {
    ToolDto tool =
        new ToolDto(
            UUID.randomUUID(),
            name,
            ToolType.SUB_ASSISTANT,
            "configured " + name,
            delegateId,
            true,
            CREATED,
            CREATED);
    tools.computeIfAbsent(assistantId, id -> new ArrayList<>()).add(tool);
    return tool;
  }

  public synchronized ToolDto linkTool(UUID assistantId, String name, ToolType type) {
    return linkTool(assistantId, name, type, true);
  }

  public synchronized ToolDto linkTool(
      UUID assistantId, String name, ToolType type, boolean active) {
    ToolDto tool =
        new ToolDto(
            UUID.randomUUID(), name, type, "configured " + name, null, active, CREATED, CREATED);
    tools.computeIfAbsent(assistantId, id -> new ArrayList<>()).add(tool);
    return tool;
  }

  /** Registers an MCP server (or replaces its registration), as the API would; no change event. */
  public synchronized void putMcpServer(McpServerDto server) {
    mcpServers.put(server.id(), server);
  }

  /** An {@code mcp} tool of {@code assistantId} that offers the tools of the server. */
  public synchronized ToolDto linkMcpServer(UUID assistantId, String name, UUID serverId) {
    ToolDto tool =
        new ToolDto(
            UUID.randomUUID(),
            name,
            ToolType.MCP,
            "configured " + name,
            null,
            true,
            CREATED,
            CREATED,
            serverId);
    tools.computeIfAbsent(assistantId, id -> new ArrayList<>()).add(tool);
    return tool;
  }

  /** How many facts one user may keep (rest-service's MEMORY_MAX_PER_USER). */
  public synchronized void setMemoryCap(int cap) {
    memoryCap = cap;
  }

  /** Keeps a fact about the user, as POST /api/users/{id}/memories would. */
  public synchronized MemoryDto addMemory(long userId, String content) {
    MemoryDto fact = new MemoryDto(memoryIds.incrementAndGet(), userId, content, Instant.now());
    memories.computeIfAbsent(userId, id -> new ArrayList<>()).add(fact);
    return fact;
  }

  /** The facts kept about the user, oldest first. */
  public synchronized List<MemoryDto> memories(long userId) {
    return List.copyOf(memories.getOrDefault(userId, List.of()));
  }

  public synchronized void setHistoryWindow(int window) {
    settings = new SettingsDto("UTC", "en", window, null, CREATED);
  }

  // ---------------------------------------------------------------- queries

  /** The Idempotency-Key of every reminder create, in order (null: none). */
  public synchronized List<String> reminderKeys() {
    return new ArrayList<>(reminderKeys);
  }

  /** The Idempotency-Key of every history append, in order (null: none). */
  /** The users of each {@code POST /api/messages/batch}, one list per request, in order. */
  public synchronized List<List<Long>> turnBatches() {
    return List.copyOf(turnBatches);
  }

  public synchronized List<String> messageKeys() {
    return new ArrayList<>(messageKeys);
  }

  public synchronized List<MessageDto> messages(long userId) {
    return List.copyOf(messages.getOrDefault(userId, List.of()));
  }

  /** The usage the assistant recorded for the user, in order. */
  public synchronized List<RecordUsageRequest> usageOf(long userId) {
    return List.copyOf(usage.getOrDefault(userId, List.of()));
  }

  /** How many requests matched {@code "<METHOD> <path>"}, e.g. {@code "GET /api/users/7"}. */
  /**
   * Holds every history append ({@code POST .../messages/batch}, one user's or many turns') until
   * {@link #releaseHistoryAppends()}: what a turn does before storing its history happens, what it
   * does after waits.
   */
  public void holdHistoryAppends() {
    historyHeld = new CountDownLatch(1);
  }

  /** Lets the held history appends, and every later one, through. */
  public void releaseHistoryAppends() {
    CountDownLatch held = historyHeld;
    historyHeld = null;
    if (held != null) {
      held.countDown();
    }
  }

  /**
   * Answers every {@code POST /api/messages/batch} with 503 while {@code refused}, as a
   * rest-service whose database is out would; a one-user batch is answered as usual.
   */
  public void refuseTurnBatches(boolean refused) {
    turnBatchesRefused = refused;
  }

  public int requestCount(String methodAndPath) {
    AtomicInteger count = requests.get(methodAndPath);
    return count == null ? 0 : count.get();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      requests.computeIfAbsent(method + " " + path, k -> new AtomicInteger()).incrementAndGet();
      if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Internal-Token"))) {
        respond(exchange, 401, Map.of("title", "Unauthorized"));
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      CountDownLatch held = historyHeld;
      if (held != null
          && (MESSAGE_BATCH.matcher(path).matches() || path.equals("/api/messages/batch"))) {
        awaitRelease(held);
      }
      Matcher matcher;
      synchronized (this) {
        if (method.equals("GET") && path.equals("/api/settings")) {
          respond(exchange, 200, settings);
        } else if ((matcher = SECRETARY.matcher(path)).matches() && method.equals("GET")) {
          long userId = Long.parseLong(matcher.group(1));
          AssistantDto assistant = secretaries.get(userId);
          if (assistant == null) {
            notFound(exchange);
          } else {
            respond(
                exchange,
                200,
                new UserSecretaryDto(userId, assistant, SecretarySource.ASSIGNED, CREATED));
          }
        } else if (path.equals("/api/reminders") && method.equals("POST")) {
          createReminder(exchange);
        } else if ((matcher = TURN_CONTEXT.matcher(path)).matches() && method.equals("GET")) {
          turnContext(exchange, Long.parseLong(matcher.group(1)), query);
        } else if ((matcher = MESSAGE_WINDOW.matcher(path)).matches() && method.equals("GET")) {
          messageWindow(exchange, Long.parseLong(matcher.group(1)), query);
        } else if (path.equals("/api/messages/batch") && method.equals("POST")) {
          if (turnBatchesRefused) {
            respond(exchange, 503, Map.of("title", "Service Unavailable"));
          } else {
            appendTurns(exchange);
          }
        } else if ((matcher = MESSAGE_BATCH.matcher(path)).matches() && method.equals("POST")) {
          appendMessages(exchange, Long.parseLong(matcher.group(1)));
        } else if ((matcher = MESSAGES.matcher(path)).matches()) {
          messages(exchange, method, Long.parseLong(matcher.group(1)), query);
        } else if ((matcher = MEMORY.matcher(path)).matches() && method.equals("DELETE")) {
          forgetMemory(
              exchange, Long.parseLong(matcher.group(1)), Long.parseLong(matcher.group(2)));
        } else if ((matcher = MEMORIES.matcher(path)).matches()) {
          memories(exchange, method, Long.parseLong(matcher.group(1)), query);
        } else if ((matcher = USAGE.matcher(path)).matches()) {
          usage(exchange, method, Long.parseLong(matcher.group(1)), query);
        } else if ((matcher = TOOLS.matcher(path)).matches() && method.equals("GET")) {
          respond(exchange, 200, tools.getOrDefault(UUID.fromString(matcher.group(1)), List.of()));
        } else if ((matcher = MCP_SERVER.matcher(path)).matches() && method.equals("GET")) {
          McpServerDto server = mcpServers.get(UUID.fromString(matcher.group(1)));
          if (server == null) {
            notFound(exchange);
          } else {
            respond(exchange, 200, server);
          }
        } else if ((matcher = ASSISTANT.matcher(path)).matches() && method.equals("GET")) {
          AssistantDto assistant = assistants.get(UUID.fromString(matcher.group(1)));
          if (assistant == null) {
            notFound(exchange);
          } else {
            respond(exchange, 200, assistant);
          }
        } else if ((matcher = USER.matcher(path)).matches() && method.equals("GET")) {
          UserDto user = users.get(Long.parseLong(matcher.group(1)));
          if (user == null) {
            notFound(exchange);
          } else {
            respond(exchange, 200, user);
          }
        } else {
          notFound(exchange);
        }
      }
    }
  }

  /** Creates a reminder as asked and records the request's Idempotency-Key. */
  private void createReminder(HttpExchange exchange) throws IOException {
    CreateReminderRequest request =
        json.readValue(FakeHttpServer.readBody(exchange), CreateReminderRequest.class);
    reminderKeys.add(exchange.getRequestHeaders().getFirst(IdempotencyKey.HEADER));
    respond(exchange, 201, created(request, CREATED));
  }

  /**
   * The reminder rest-service creates for the request: active, with a new id, at {@code at}; a
   * recurring one's next time is its cron's first run after {@code at}, as rest-service computes
   * it.
   */
  public static ReminderDto created(CreateReminderRequest request, Instant at) {
    Instant next =
        request.type() == ReminderType.RECURRING
            ? ReminderCron.parse(request.cronExpression())
                .next(at, ZoneId.of(request.timezone() == null ? "UTC" : request.timezone()))
            : request.triggerAt();
    return new ReminderDto(
        UUID.randomUUID(),
        request.userId(),
        request.assistantId(),
        request.type(),
        request.triggerAt(),
        request.cronExpression(),
        request.timezone(),
        request.text(),
        ReminderStatus.ACTIVE,
        null,
        next,
        at,
        at,
        MissedRunPolicy.orDefault(request.missedRunPolicy()));
  }

  private void messageWindow(HttpExchange exchange, long userId, Map<String, String> query)
      throws IOException {
    if (!users.containsKey(userId)) {
      notFound(exchange);
      return;
    }
    int limit =
        query.containsKey("limit")
            ? Integer.parseInt(query.get("limit"))
            : settings.historyWindow();
    respond(exchange, 200, window(userId, limit));
  }

  private ConversationWindowDto window(long userId, int limit) {
    List<MessageDto> history = messages.getOrDefault(userId, List.of());
    String summary =
        history.stream()
            .filter(m -> m.role() == MessageRole.SYSTEM)
            .reduce((first, second) -> second)
            .map(MessageDto::content)
            .orElse(null);
    return new ConversationWindowDto(
        summary, history.subList(Math.max(0, history.size() - limit), history.size()));
  }

  /** As rest-service answers it: the user, the secretary, the window and the facts asked for. */
  private void turnContext(HttpExchange exchange, long userId, Map<String, String> query)
      throws IOException {
    UserDto user = users.get(userId);
    if (user == null) {
      notFound(exchange);
      return;
    }
    if (tooLongQuery(exchange, query)) {
      return;
    }
    AssistantDto secretary = secretaries.get(userId);
    int facts = Integer.parseInt(query.getOrDefault("facts", "0"));
    respond(
        exchange,
        200,
        new TurnContextDto(
            user,
            secretary == null
                ? null
                : new UserSecretaryDto(userId, secretary, SecretarySource.ASSIGNED, CREATED),
            window(userId, Integer.parseInt(query.get("window"))),
            facts == 0 ? null : facts(userId, query.get("q"), true, facts)));
  }

  private static void awaitRelease(CountDownLatch held) {
    try {
      held.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void appendMessages(HttpExchange exchange, long userId) throws IOException {
    AppendMessagesRequest request =
        json.readValue(FakeHttpServer.readBody(exchange), AppendMessagesRequest.class);
    List<MessageDto> appended =
        appendMessages(
            userId, exchange.getRequestHeaders().getFirst(IdempotencyKey.HEADER), request);
    if (appended == null) {
      notFound(exchange);
      return;
    }
    respond(exchange, 201, appended);
  }

  /** {@code POST /api/messages/batch}: each turn as the one-user batch stores it. */
  private void appendTurns(HttpExchange exchange) throws IOException {
    AppendTurnsRequest request =
        json.readValue(FakeHttpServer.readBody(exchange), AppendTurnsRequest.class);
    List<AppendTurnsResult.Outcome> outcomes = new ArrayList<>();
    turnBatches.add(request.turns().stream().map(AppendTurnsRequest.Turn::userId).toList());
    for (AppendTurnsRequest.Turn turn : request.turns()) {
      List<MessageDto> appended =
          appendMessages(turn.userId(), turn.idempotencyKey(), turn.history());
      outcomes.add(
          appended == null
              ? new AppendTurnsResult.Outcome(404, "no user with id " + turn.userId())
              : new AppendTurnsResult.Outcome(201, null));
    }
    respond(exchange, 200, new AppendTurnsResult(outcomes));
  }

  /** The messages appended, or null when the user is unknown. */
  private List<MessageDto> appendMessages(long userId, String key, AppendMessagesRequest request) {
    if (!users.containsKey(userId)) {
      return null;
    }
    List<MessageDto> history = messages.computeIfAbsent(userId, id -> new ArrayList<>());
    List<MessageDto> appended = new ArrayList<>();
    for (int i = 0; i < request.messages().size(); i++) {
      AppendMessageRequest one = request.messages().get(i);
      messageKeys.add(key == null ? null : AppendMessagesRequest.keyOf(key, i, one.role()));
      MessageDto message =
          new MessageDto(
              messageIds.incrementAndGet(),
              userId,
              one.assistantId(),
              one.role(),
              one.content(),
              Instant.now());
      history.add(message);
      appended.add(message);
    }
    if (request.usage() != null) {
      usage.computeIfAbsent(userId, id -> new ArrayList<>()).addAll(request.usage());
    }
    return appended;
  }

  private void messages(
      HttpExchange exchange, String method, long userId, Map<String, String> query)
      throws IOException {
    if (!users.containsKey(userId)) {
      notFound(exchange);
      return;
    }
    List<MessageDto> history = messages.computeIfAbsent(userId, id -> new ArrayList<>());
    switch (method) {
      case "POST" -> {
        AppendMessageRequest request =
            json.readValue(FakeHttpServer.readBody(exchange), AppendMessageRequest.class);
        messageKeys.add(exchange.getRequestHeaders().getFirst(IdempotencyKey.HEADER));
        MessageDto message =
            new MessageDto(
                messageIds.incrementAndGet(),
                userId,
                request.assistantId(),
                request.role(),
                request.content(),
                Instant.now());
        history.add(message);
        respond(exchange, 201, message);
      }
      case "GET" -> {
        int limit =
            query.containsKey("limit")
                ? Integer.parseInt(query.get("limit"))
                : settings.historyWindow();
        MessageRole role =
            query.containsKey("role")
                ? MessageRole.valueOf(query.get("role").toUpperCase(java.util.Locale.ROOT))
                : null;
        List<MessageDto> matching =
            history.stream().filter(m -> role == null || m.role() == role).toList();
        respond(
            exchange, 200, matching.subList(Math.max(0, matching.size() - limit), matching.size()));
      }
      case "DELETE" -> {
        history.clear();
        FakeHttpServer.respond(exchange, 204, (String) null, new byte[0]);
      }
      default -> notFound(exchange);
    }
  }

  /**
   * Facts as rest-service keeps them: 409 at the cap, the newest first, or with {@code q} those
   * sharing a word with it (case-insensitive), more shared words first.
   */
  private void memories(
      HttpExchange exchange, String method, long userId, Map<String, String> query)
      throws IOException {
    if (!users.containsKey(userId)) {
      notFound(exchange);
      return;
    }
    List<MemoryDto> kept = memories.computeIfAbsent(userId, id -> new ArrayList<>());
    switch (method) {
      case "POST" -> {
        SaveMemoryRequest request =
            json.readValue(FakeHttpServer.readBody(exchange), SaveMemoryRequest.class);
        if (kept.size() >= memoryCap) {
          respond(
              exchange,
              409,
              Map.of(
                  "title",
                  "Conflict",
                  "status",
                  409,
                  "detail",
                  "user " + userId + " already has " + kept.size() + " memories"));
          return;
        }
        respond(exchange, 201, addMemory(userId, request.content()));
      }
      case "GET" -> {
        if (tooLongQuery(exchange, query)) {
          return;
        }
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 100;
        respond(
            exchange,
            200,
            facts(userId, query.get("q"), "newest".equals(query.get("fill")), limit));
      }
      case "DELETE" -> {
        kept.clear();
        FakeHttpServer.respond(exchange, 204, (String) null, new byte[0]);
      }
      default -> notFound(exchange);
    }
  }

  /**
   * The newest first, or with {@code q} those sharing a word with it (case-insensitive), more
   * shared words first, and with {@code fill} the rest filled with the newest others.
   */
  private List<MemoryDto> facts(long userId, String q, boolean fill, int limit) {
    List<MemoryDto> newest = new ArrayList<>(memories.getOrDefault(userId, List.of()));
    java.util.Collections.reverse(newest);
    if (q != null && !q.isBlank()) {
      java.util.Set<String> wanted = words(q);
      List<MemoryDto> matching =
          newest.stream()
              .filter(fact -> shared(fact, wanted) > 0)
              .sorted(
                  java.util.Comparator.comparingLong((MemoryDto fact) -> shared(fact, wanted))
                      .reversed())
              .toList();
      if (fill) {
        List<MemoryDto> filled = new ArrayList<>(matching);
        newest.stream().filter(fact -> !matching.contains(fact)).forEach(filled::add);
        newest = filled;
      } else {
        newest = matching;
      }
    }
    return newest.subList(0, Math.min(limit, newest.size()));
  }

  private void forgetMemory(HttpExchange exchange, long userId, long memoryId) throws IOException {
    List<MemoryDto> kept = memories.getOrDefault(userId, new ArrayList<>());
    if (!users.containsKey(userId) || !kept.removeIf(fact -> fact.id() == memoryId)) {
      notFound(exchange);
      return;
    }
    FakeHttpServer.respond(exchange, 204, (String) null, new byte[0]);
  }

  private static java.util.Set<String> words(String text) {
    java.util.Set<String> words = new java.util.HashSet<>();
    for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }

  private static long shared(MemoryDto fact, java.util.Set<String> wanted) {
    return words(fact.content()).stream().filter(wanted::contains).count();
  }

  /** Records usage as given; sums it over the days (UTC) from and to, as rest-service does. */
  private void usage(HttpExchange exchange, String method, long userId, Map<String, String> query)
      throws IOException {
    if (!users.containsKey(userId)) {
      notFound(exchange);
      return;
    }
    List<RecordUsageRequest> recorded = usage.computeIfAbsent(userId, id -> new ArrayList<>());
    if (method.equals("POST")) {
      recorded.add(json.readValue(FakeHttpServer.readBody(exchange), RecordUsageRequest.class));
      FakeHttpServer.respond(exchange, 204, (String) null, new byte[0]);
      return;
    }
    LocalDate from = LocalDate.parse(query.get("from"));
    LocalDate to = LocalDate.parse(query.get("to"));
    long calls = 0;
    long prompt = 0;
    long completion = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (RecordUsageRequest line : recorded) {
      LocalDate day = line.at().atOffset(ZoneOffset.UTC).toLocalDate();
      if (!day.isBefore(from) && !day.isAfter(to)) {
        calls += line.calls();
        prompt += line.promptTokens();
        completion += line.completionTokens();
        cost = cost.add(line.cost());
      }
    }
    respond(
        exchange,
        200,
        new UsageDto(
            userId, from, to, calls, prompt, completion, prompt + completion, cost, List.of()));
  }

  private static Map<String, String> query(String raw) {
    return FakeHttpServer.parseForm(raw);
  }

  /** As rest-service: a facts query ({@code q}) over its limit is a 400; true when answered so. */
  private boolean tooLongQuery(HttpExchange exchange, Map<String, String> query)
      throws IOException {
    String q = query.get("q");
    if (q == null || q.length() <= TurnContextDto.MAX_QUERY_LENGTH) {
      return false;
    }
    respond(
        exchange,
        400,
        Map.of("title", "Bad Request", "status", 400, "detail", "invalid input: q is too long"));
    return true;
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
