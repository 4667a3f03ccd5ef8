package org.smartassistant.testsupport.fakes;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Telegram Bot API speaking the real wire protocol ({@code /bot<token>/<method>}, JSON
 * bodies, {@code {"ok":...}} answers), so telegrambots' own clients run against it unchanged.
 *
 * <p>Tests push updates that the bot receives through {@code getUpdates} (with Telegram's offset
 * confirmation and long polling), read back what the bot sent, and inject Telegram's failures: 429
 * with {@code retry_after}, "can't parse entities", a user who blocked the bot, 5xx. Method names
 * are matched case-insensitively, as telegrambots sends them in lower case.
 *
 * <p>Like Telegram, sendMessage and editMessageText refuse an empty text, a text longer than
 * {@value #MAX_MESSAGE_LENGTH} characters after entity parsing, and {@code parse_mode=HTML} with
 * unsupported, unclosed or crossed tags; Markdown texts are not checked.
 */
public final class FakeTelegramBotApi implements AutoCloseable {

  /** How long a {@code getUpdates} is held at most, whatever timeout the client asked for. */
  public static final Duration DEFAULT_LONG_POLL_CAP = Duration.ofSeconds(10);

  /** Telegram's limit on a message text after entity parsing. */
  public static final int MAX_MESSAGE_LENGTH = 4096;

  private static final String GET_UPDATES = "getupdates";
  private static final String ANY_METHOD = "*";
  private static final long BOT_USER_ID = 7000000001L;
  private static final String CONFLICT =
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
          + " running";

  private static final List<String> KNOWN_METHODS =
      List.of(
          "getUpdates",
          "getMe",
          "logOut",
          "close",
          "setWebhook",
          "deleteWebhook",
          "getWebhookInfo",
          "sendMessage",
          "sendChatAction",
          "answerCallbackQuery",
          "editMessageText",
          "editMessageReplyMarkup",
          "deleteMessage",
          "deleteMessages",
          "setMyCommands",
          "deleteMyCommands",
          "getMyCommands",
          "setChatMenuButton",
          "setMyDescription",
          "setMyShortDescription",
          "setMyName",
          "setMessageReaction",
          "pinChatMessage",
          "unpinChatMessage",
          "getChat");

  /** Methods that answer {@code true} when they succeed. */
  private static final Set<String> TRUE_METHODS =
      Set.of(
          "logout",
          "close",
          "setwebhook",
          "deletewebhook",
          "sendchataction",
          "answercallbackquery",
          "deletemessage",
          "deletemessages",
          "setmycommands",
          "deletemycommands",
          "setchatmenubutton",
          "setmydescription",
          "setmyshortdescription",
          "setmyname",
          "setmessagereaction",
          "pinchatmessage",
          "unpinchatmessage");

  private static final Map<String, String> CANONICAL_NAMES =
      KNOWN_METHODS.stream()
          .collect(Collectors.toUnmodifiableMap(m -> m.toLowerCase(Locale.ROOT), m -> m));

  private final FakeHttpServer http;
  private final JsonMapper json = JsonMapper.builder().build();
  private final JsonNodeFactory nodes = JsonNodeFactory.instance;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();

  // everything below is guarded by lock
  private final TreeMap<Integer, String> updates = new TreeMap<>();
  private final List<TelegramCall> calls = new ArrayList<>();
  private final Map<Long, List<TelegramCall>> sentByChat = new HashMap<>();
  private final Map<Long, String[]> knownUsers = new HashMap<>();
  private final Set<Long> blockedChats = new HashSet<>();
  private final List<Fault> faults = new ArrayList<>();
  private JsonNode myCommands = nodes.arrayNode();
  private Poll waitingPoll;
  private int confirmedOffset;
  private int nextUpdateId = 100;
  private int nextMessageId = 1;
  private long nextCallbackId = 4_000_000_000_000L;
  private String expectedToken;
  private Duration longPollCap = DEFAULT_LONG_POLL_CAP;
  private boolean recording = true;

  /** A fake on a free port; call {@link #start()}. */
  public FakeTelegramBotApi() {
    this(0);
  }

  /** A fake on the given port (0 for a free one); call {@link #start()}. */
  public FakeTelegramBotApi(int port) {
    this.http = new FakeHttpServer("fake-telegram", port, this::handle);
  }

  /** Starts listening on 127.0.0.1; returns this for {@code try (var tg = new ...().start())}. */
  public FakeTelegramBotApi start() {
    http.start();
    return this;
  }

  /** Answers a held long poll with no updates and stops listening. */
  @Override
  public void close() {
    Poll held;
    lock.lock();
    try {
      held = waitingPoll;
      waitingPoll = null;
    } finally {
      lock.unlock();
    }
    if (held != null) {
      held.cancelTimer();
      FakeHttpServer.respond(held.exchange, 200, Map.of(), ok(nodes.arrayNode()));
    }
    http.stop();
  }

  /** {@code http://127.0.0.1:<port>}: the Bot API base URL without the {@code /bot<token>} part. */
  public String baseUrl() {
    return http.baseUrl();
  }

  public String host() {
    return "127.0.0.1";
  }

  public int port() {
    return http.port();
  }

  /**
   * Forgets updates, calls, faults, blocked chats and the expected token; update and message ids
   * keep growing, so a bot still polling does not mistake new updates for ones it has seen.
   */
  public void reset() {
    lock.lock();
    try {
      updates.clear();
      calls.clear();
      sentByChat.clear();
      knownUsers.clear();
      blockedChats.clear();
      faults.clear();
      myCommands = nodes.arrayNode();
      confirmedOffset = 0;
      expectedToken = null;
      longPollCap = DEFAULT_LONG_POLL_CAP;
      recording = true;
      counts.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- configuration

  /** Holds a {@code getUpdates} at most this long (the client's timeout is capped to it). */
  public FakeTelegramBotApi setLongPollCap(Duration cap) {
    lock.lock();
    try {
      longPollCap = cap;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** Answers 401 Unauthorized to every other bot token, as Telegram does to a wrong token. */
  public FakeTelegramBotApi expectToken(String token) {
    lock.lock();
    try {
      expectedToken = token;
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * With {@code false}, calls are only counted ({@link #callCount}), not kept: for long benchmark
   * runs.
   */
  public FakeTelegramBotApi setRecording(boolean record) {
    lock.lock();
    try {
      recording = record;
    } finally {
      lock.unlock();
    }
    return this;
  }

  // ---------------------------------------------------------------- fault injection

  /** The next {@code count} sendMessage calls answer 429 "Too Many Requests: retry after S". */
  public FakeTelegramBotApi rateLimitNextSendMessages(int count, int retryAfterSeconds) {
    return addFault(
        new Fault(
            "sendmessage",
            count,
            429,
            "Too Many Requests: retry after " + retryAfterSeconds,
            retryAfterSeconds,
            false));
  }

  /**
   * The next {@code count} sendMessage calls that carry a {@code parse_mode} answer 400 "Bad
   * Request: can't parse entities: ..."; plain-text sends are not affected, so a plain retry
   * succeeds.
   */
  public FakeTelegramBotApi rejectNextFormattedSendMessages(int count) {
    return addFault(
        new Fault(
            "sendmessage",
            count,
            400,
            "Bad Request: can't parse entities: Can't find end of the entity starting at byte"
                + " offset 0",
            null,
            true));
  }

  /** The next {@code count} calls of any method except getUpdates answer with the status. */
  public FakeTelegramBotApi failNextCalls(int count, int status) {
    return failNextCalls(ANY_METHOD, count, status);
  }

  /**
   * The next {@code count} calls of the method (any case; {@code "*"} for any but getUpdates)
   * answer with the status (500, 502, ...) and Telegram's error JSON.
   */
  public FakeTelegramBotApi failNextCalls(String method, int count, int status) {
    return addFault(
        new Fault(
            ANY_METHOD.equals(method) ? ANY_METHOD : method.toLowerCase(Locale.ROOT),
            count,
            status,
            describe(status),
            null,
            false));
  }

  /** Calls aimed at this chat answer 403 "Forbidden: bot was blocked by the user". */
  public FakeTelegramBotApi blockChat(long chatId) {
    lock.lock();
    try {
      blockedChats.add(chatId);
    } finally {
      lock.unlock();
    }
    return this;
  }

  public FakeTelegramBotApi unblockChat(long chatId) {
    lock.lock();
    try {
      blockedChats.remove(chatId);
    } finally {
      lock.unlock();
    }
    return this;
  }

  private FakeTelegramBotApi addFault(Fault fault) {
    if (fault.remaining > 0) {
      lock.lock();
      try {
        faults.add(fault);
      } finally {
        lock.unlock();
      }
    }
    return this;
  }

  // ---------------------------------------------------------------- pushing updates

  /** A private-chat text message from the user; returns its update_id. */
  public int pushTextMessage(long userId, String text) {
    return pushTextMessage(userId, userId, text, null, null);
  }

  /** A private-chat text message from a user with these names (null keeps earlier ones). */
  public int pushTextMessage(long userId, String text, String username, String firstName) {
    return pushTextMessage(userId, userId, text, username, firstName);
  }

  /**
   * A text message in the chat from the user; a text starting with {@code /} carries a {@code
   * bot_command} entity, as Telegram adds one.
   */
  public int pushTextMessage(
      long chatId, long userId, String text, String username, String firstName) {
    return push(
        updateId -> {
          ObjectNode message = message(chatId, userId, username, firstName);
          message.put("text", text);
          if (text.startsWith("/")) {
            int end = text.indexOf(' ');
            ObjectNode entity = message.putArray("entities").addObject();
            entity.put("offset", 0);
            entity.put("length", end < 0 ? text.length() : end);
            entity.put("type", "bot_command");
          }
          return update(updateId, "message", message);
        });
  }

  /** A command such as {@code "/start"} or {@code "/timezone Europe/Berlin"} in a private chat. */
  public int pushCommand(long userId, String command) {
    return pushTextMessage(userId, command.startsWith("/") ? command : "/" + command);
  }

  /** A press on an inline keyboard button under the bot's message {@code messageId}. */
  public int pushCallbackQuery(long userId, long chatId, String data, int messageId) {
    return push(
        updateId -> {
          ObjectNode query = nodes.objectNode();
          query.put("id", Long.toString(nextCallbackId++));
          query.set("from", user(userId, null, null));
          ObjectNode message = query.putObject("message");
          message.put("message_id", messageId);
          message.set("from", botUser());
          message.set("chat", chat(chatId, userId));
          message.put("date", Instant.now().getEpochSecond());
          message.put("text", textOfSent(chatId, messageId));
          query.put("chat_instance", Long.toString(chatId * 31 + 7));
          query.put("data", data);
          return update(updateId, "callback_query", query);
        });
  }

  /** A voice message, photo, sticker or document (no text) in the user's private chat. */
  public int pushNonText(long userId, NonTextKind kind) {
    return push(
        updateId -> {
          ObjectNode message = message(userId, userId, null, null);
          String fileId = "file-" + updateId;
          switch (kind) {
            case VOICE -> {
              ObjectNode voice = message.putObject("voice");
              voice.put("file_id", fileId);
              voice.put("file_unique_id", "u" + fileId);
              voice.put("duration", 3);
              voice.put("mime_type", "audio/ogg");
              voice.put("file_size", 4711);
            }
            case PHOTO -> {
              ObjectNode photo = message.putArray("photo").addObject();
              photo.put("file_id", fileId);
              photo.put("file_unique_id", "u" + fileId);
              photo.put("width", 90);
              photo.put("height", 60);
              photo.put("file_size", 1234);
            }
            case STICKER -> {
              ObjectNode sticker = message.putObject("sticker");
              sticker.put("file_id", fileId);
              sticker.put("file_unique_id", "u" + fileId);
              sticker.put("type", "regular");
              sticker.put("width", 512);
              sticker.put("height", 512);
              sticker.put("is_animated", false);
              sticker.put("is_video", false);
              sticker.put("emoji", "\uD83D\uDC4D");
            }
            case DOCUMENT -> {
              ObjectNode document = message.putObject("document");
              document.put("file_id", fileId);
              document.put("file_unique_id", "u" + fileId);
              document.put("file_name", "notes.pdf");
              document.put("mime_type", "application/pdf");
              document.put("file_size", 2048);
            }
          }
          return update(updateId, "message", message);
        });
  }

  /**
   * Any update as JSON (an object with e.g. {@code "message"} or {@code "edited_message"}); its
   * {@code update_id} is replaced by the next one, so updates stay in order. Returns that id.
   */
  public int pushRawUpdate(String updateJson) {
    JsonNode parsed = json.readTree(updateJson);
    if (!(parsed instanceof ObjectNode object)) {
      throw new IllegalArgumentException("an update must be a JSON object: " + updateJson);
    }
    return push(
        updateId -> {
          ObjectNode update = object.deepCopy();
          update.put("update_id", updateId);
          return update;
        });
  }

  private int push(IntFunction<ObjectNode> build) {
    Poll wake = null;
    List<String> ready = List.of();
    int updateId;
    lock.lock();
    try {
      // ids are taken under the lock so that updates enter the queue in id order
      updateId = nextUpdateId++;
      updates.put(updateId, build.apply(updateId).toString());
      if (waitingPoll != null) {
        ready = available(waitingPoll.offset, waitingPoll.limit);
        if (!ready.isEmpty()) {
          wake = waitingPoll;
          waitingPoll = null;
        }
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      wake.cancelTimer();
      FakeHttpServer.respond(wake.exchange, 200, Map.of(), okUpdates(ready));
    }
    return updateId;
  }

  // ---------------------------------------------------------------- queries

  /** Every recorded call (all methods but getUpdates), accepted or rejected, in arrival order. */
  public List<TelegramCall> calls() {
    return locked(() -> List.copyOf(calls));
  }

  /** Recorded calls of one method, any case ({@code "sendChatAction"}). */
  public List<TelegramCall> calls(String method) {
    String wanted = canonical(method);
    return locked(() -> calls.stream().filter(c -> c.method().equals(wanted)).toList());
  }

  /** sendMessage calls Telegram accepted, in order. */
  public List<TelegramCall> sentMessages() {
    return locked(
        () ->
            calls.stream().filter(c -> c.method().equals("sendMessage") && c.accepted()).toList());
  }

  /** sendMessage calls to the chat that Telegram accepted, in order. */
  public List<TelegramCall> sentMessages(long chatId) {
    return locked(() -> List.copyOf(sentByChat.getOrDefault(chatId, List.of())));
  }

  /** The texts of {@link #sentMessages(long)}. */
  public List<String> sentTexts(long chatId) {
    return sentMessages(chatId).stream().map(TelegramCall::text).toList();
  }

  /**
   * Waits until at least {@code count} messages to the chat were accepted and returns them all;
   * fails with the list of what was sent when the time runs out.
   */
  public List<TelegramCall> awaitSentMessages(long chatId, int count, Duration timeout) {
    return await(
        () -> sentByChat.getOrDefault(chatId, List.of()),
        count,
        timeout,
        count + " accepted sendMessage call(s) to chat " + chatId);
  }

  /** Waits until at least {@code count} calls of the method were recorded and returns them all. */
  public List<TelegramCall> awaitCalls(String method, int count, Duration timeout) {
    String wanted = canonical(method);
    return await(
        () -> calls.stream().filter(c -> c.method().equals(wanted)).toList(),
        count,
        timeout,
        count + " " + wanted + " call(s)");
  }

  /**
   * The highest {@code offset} a getUpdates carried: every update below it is confirmed (0 when
   * none was).
   */
  public int confirmedOffset() {
    return locked(() -> confirmedOffset);
  }

  /** Whether the bot confirmed the update (asked for updates after it). */
  public boolean isConfirmed(int updateId) {
    return confirmedOffset() > updateId;
  }

  /** Waits until the bot confirmed the update; fails when the time runs out. */
  public void awaitConfirmed(int updateId, Duration timeout) {
    awaitCondition(
        () -> confirmedOffset > updateId,
        timeout,
        () -> "update " + updateId + " to be confirmed; confirmed offset is " + confirmedOffset);
  }

  /**
   * Waits until the bot has called getUpdates at least once (it is polling); a long poll that found
   * no updates is held by the time this returns.
   */
  public void awaitPolling(Duration timeout) {
    awaitCondition(() -> callCount("getUpdates") > 0, timeout, () -> "the bot to call getUpdates");
  }

  /** Updates pushed and not yet confirmed. */
  public int pendingUpdates() {
    return locked(updates::size);
  }

  /** How many calls of the method arrived (getUpdates included), also with recording off. */
  public long callCount(String method) {
    LongAdder count = counts.get(canonical(method));
    return count == null ? 0 : count.sum();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    Instant receivedAt = Instant.now();
    String[] segments = exchange.getRequestURI().getPath().split("/");
    // /bot<token>/<method>, or /bot<token>/test/<method> for TelegramUrl(..., testServer=true)
    if (segments.length < 3 || !segments[1].startsWith("bot")) {
      FakeHttpServer.respond(exchange, 404, Map.of(), error(404, "Not Found", null));
      return;
    }
    String token = segments[1].substring(3);
    String method = canonical(segments[segments.length - 1]);
    ObjectNode params = params(exchange, FakeHttpServer.readBody(exchange));
    String lower = method.toLowerCase(Locale.ROOT);
    if (lower.equals(GET_UPDATES)) {
      getUpdates(exchange, token, params);
      return;
    }
    count(method);
    Answer answer;
    lock.lock();
    try {
      answer = answer(lower, token, params);
      record(method, params, receivedAt, answer);
    } finally {
      lock.unlock();
    }
    byte[] body =
        answer.status == 200
            ? ok(answer.result)
            : error(answer.status, answer.description, answer.retryAfter);
    FakeHttpServer.respond(exchange, answer.status, Map.of(), body);
  }

  private void getUpdates(HttpExchange exchange, String token, ObjectNode params) {
    int offset =
        (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, longOf(params, "offset", 0)));
    int limit = (int) Math.max(1, Math.min(100, longOf(params, "limit", 100)));
    long timeoutSeconds = Math.max(0, longOf(params, "timeout", 0));
    Poll poll = new Poll(exchange, offset, limit);
    Poll conflicting;
    List<String> ready;
    Answer refusal = null;
    lock.lock();
    try {
      if (expectedToken != null && !expectedToken.equals(token)) {
        refusal = new Answer(401, null, "Unauthorized", null, null);
      } else {
        Fault fault = takeFault(GET_UPDATES, params);
        if (fault != null) {
          refusal = new Answer(fault.status, null, fault.description, fault.retryAfter, null);
        }
      }
      if (refusal != null) {
        conflicting = null;
        ready = List.of();
      } else {
        confirm(offset);
        conflicting = waitingPoll;
        waitingPoll = null;
        ready = available(offset, limit);
        if (ready.isEmpty() && timeoutSeconds > 0 && http.running()) {
          Duration hold = Duration.ofSeconds(timeoutSeconds);
          if (hold.compareTo(longPollCap) > 0) {
            hold = longPollCap;
          }
          ScheduledFuture<?> timer = http.later(hold, () -> expire(poll));
          if (timer != null) {
            poll.timer = timer;
            waitingPoll = poll;
          }
        }
      }
      // counted once parked, so that awaitPolling() returning means the poll is held
      count("getUpdates");
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (refusal != null) {
      FakeHttpServer.respond(
          exchange,
          refusal.status,
          Map.of(),
          error(refusal.status, refusal.description, refusal.retryAfter));
      return;
    }
    if (conflicting != null) {
      // Telegram answers the older of two concurrent getUpdates with 409
      conflicting.cancelTimer();
      FakeHttpServer.respond(conflicting.exchange, 409, Map.of(), error(409, CONFLICT, null));
    }
    if (poll.timer == null) {
      FakeHttpServer.respond(exchange, 200, Map.of(), okUpdates(ready));
    }
  }

  private void confirm(int offset) {
    if (offset > 0) {
      updates.headMap(offset).clear();
      if (offset > confirmedOffset) {
        confirmedOffset = offset;
        changed.signalAll();
      }
    } else if (offset < 0) {
      // a negative offset keeps only the last -offset updates, as in the Bot API
      while (updates.size() > -(long) offset) {
        updates.pollFirstEntry();
      }
    }
  }

  private List<String> available(int offset, int limit) {
    List<String> ready = new ArrayList<>();
    Iterator<String> pending = updates.tailMap(offset, true).values().iterator();
    while (pending.hasNext() && ready.size() < limit) {
      ready.add(pending.next());
    }
    return ready;
  }

  private void expire(Poll poll) {
    lock.lock();
    try {
      if (waitingPoll != poll) {
        return;
      }
      waitingPoll = null;
    } finally {
      lock.unlock();
    }
    FakeHttpServer.respond(poll.exchange, 200, Map.of(), okUpdates(List.of()));
  }

  /** Decides the answer to a call; runs under the lock. */
  private Answer answer(String method, String token, ObjectNode params) {
    if (expectedToken != null && !expectedToken.equals(token)) {
      return new Answer(401, null, "Unauthorized", null, null);
    }
    Fault fault = takeFault(method, params);
    if (fault != null) {
      return new Answer(fault.status, null, fault.description, fault.retryAfter, null);
    }
    Long chatId = chatIdOf(params);
    if (chatId != null && blockedChats.contains(chatId)) {
      return new Answer(403, null, "Forbidden: bot was blocked by the user", null, null);
    }
    return switch (method) {
      case "sendmessage" -> sendMessage(params, chatId);
      case "editmessagetext" -> editMessageText(params, chatId);
      case "editmessagereplymarkup" -> success(editedMessage(params, chatId, null));
      case "getme" -> success(botUser());
      case "getwebhookinfo" -> success(webhookInfo());
      case "getmycommands" -> success(myCommands.deepCopy());
      case "getchat" ->
          chatId == null
              ? badRequest("chat not found")
              : success(chat(chatId, chatId > 0 ? chatId : null));
      default -> {
        if (!TRUE_METHODS.contains(method)) {
          yield new Answer(404, null, "Not Found", null, null);
        }
        if (method.equals("setmycommands") && params.get("commands") != null) {
          myCommands = jsonValue(params.get("commands"));
        }
        yield success(nodes.booleanNode(true));
      }
    };
  }

  private Answer sendMessage(ObjectNode params, Long chatId) {
    if (chatId == null) {
      return badRequest("chat not found");
    }
    String text = textOf(params, "text");
    Object checked = checkText(text, textOf(params, "parse_mode"));
    if (checked instanceof Answer rejection) {
      return rejection;
    }
    int messageId = nextMessageId++;
    ObjectNode message = nodes.objectNode();
    message.put("message_id", messageId);
    message.set("from", botUser());
    message.set("chat", chat(chatId, chatId > 0 ? chatId : null));
    message.put("date", Instant.now().getEpochSecond());
    message.put("text", (String) checked);
    JsonNode markup = params.get("reply_markup");
    if (markup != null && jsonValue(markup).has("inline_keyboard")) {
      message.set("reply_markup", jsonValue(markup));
    }
    return new Answer(200, message, null, null, messageId);
  }

  private Answer editMessageText(ObjectNode params, Long chatId) {
    Object checked = checkText(textOf(params, "text"), textOf(params, "parse_mode"));
    if (checked instanceof Answer rejection) {
      return rejection;
    }
    return success(editedMessage(params, chatId, (String) checked));
  }

  /** The plain text Telegram would store, or the 400 answer it would give. */
  private Object checkText(String text, String parseMode) {
    if (text == null || text.isBlank()) {
      return badRequest("message text is empty");
    }
    String plain = text;
    if (parseMode != null && parseMode.equalsIgnoreCase("HTML")) {
      TelegramHtml.Parsed parsed = TelegramHtml.parse(text);
      if (parsed.error() != null) {
        return badRequest("can't parse entities: " + parsed.error());
      }
      plain = parsed.text();
      if (plain.isBlank()) {
        return badRequest("message text is empty");
      }
    } else if (parseMode != null
        && !parseMode.equalsIgnoreCase("MarkdownV2")
        && !parseMode.equalsIgnoreCase("Markdown")) {
      return badRequest("unsupported parse_mode");
    }
    if (plain.length() > MAX_MESSAGE_LENGTH) {
      return badRequest("message is too long");
    }
    return plain;
  }

  private ObjectNode editedMessage(ObjectNode params, Long chatId, String text) {
    ObjectNode message = nodes.objectNode();
    message.put("message_id", longOf(params, "message_id", 0));
    message.set("from", botUser());
    if (chatId != null) {
      message.set("chat", chat(chatId, chatId > 0 ? chatId : null));
    }
    message.put("date", Instant.now().getEpochSecond());
    message.put("edit_date", Instant.now().getEpochSecond());
    if (text != null) {
      message.put("text", text);
    }
    JsonNode markup = params.get("reply_markup");
    if (markup != null) {
      message.set("reply_markup", jsonValue(markup));
    }
    return message;
  }

  private Fault takeFault(String method, ObjectNode params) {
    boolean formatted = textOf(params, "parse_mode") != null;
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      boolean methodMatches =
          fault.method.equals(method)
              || (fault.method.equals(ANY_METHOD) && !method.equals(GET_UPDATES));
      if (methodMatches && (!fault.onlyFormatted || formatted)) {
        if (--fault.remaining <= 0) {
          it.remove();
        }
        return fault;
      }
    }
    return null;
  }

  private void record(String method, ObjectNode params, Instant receivedAt, Answer answer) {
    if (!recording) {
      return;
    }
    JsonNode markup = params.get("reply_markup");
    TelegramCall call =
        new TelegramCall(
            method,
            chatIdOf(params),
            textOf(params, "text"),
            textOf(params, "parse_mode"),
            markup == null || markup.isNull() ? null : jsonValue(markup).toString(),
            params.toString(),
            receivedAt,
            answer.status,
            answer.status == 200 ? null : answer.description,
            answer.messageId);
    calls.add(call);
    if (call.accepted() && method.equals("sendMessage") && call.chatId() != null) {
      sentByChat.computeIfAbsent(call.chatId(), id -> new ArrayList<>()).add(call);
    }
    changed.signalAll();
  }

  // ---------------------------------------------------------------- JSON shapes

  private ObjectNode update(int updateId, String field, ObjectNode content) {
    ObjectNode update = nodes.objectNode();
    update.put("update_id", updateId);
    update.set(field, content);
    return update;
  }

  /** A message from a user; runs under the lock (message ids, known names). */
  private ObjectNode message(long chatId, long userId, String username, String firstName) {
    ObjectNode message = nodes.objectNode();
    message.put("message_id", nextMessageId++);
    message.set("from", user(userId, username, firstName));
    message.set("chat", chat(chatId, userId));
    message.put("date", Instant.now().getEpochSecond());
    return message;
  }

  private ObjectNode user(long userId, String username, String firstName) {
    String[] names =
        knownUsers.computeIfAbsent(userId, id -> new String[] {"user" + id, "User" + id});
    if (username != null) {
      names[0] = username;
    }
    if (firstName != null) {
      names[1] = firstName;
    }
    ObjectNode user = nodes.objectNode();
    user.put("id", userId);
    user.put("is_bot", false);
    user.put("first_name", names[1]);
    user.put("username", names[0]);
    user.put("language_code", "en");
    return user;
  }

  private ObjectNode chat(long chatId, Long userId) {
    ObjectNode chat = nodes.objectNode();
    chat.put("id", chatId);
    if (chatId > 0) {
      String[] names = knownUsers.get(userId == null ? chatId : userId);
      chat.put("type", "private");
      chat.put("first_name", names == null ? "User" + chatId : names[1]);
      if (names != null) {
        chat.put("username", names[0]);
      }
    } else {
      chat.put("type", "supergroup");
      chat.put("title", "Group " + chatId);
    }
    return chat;
  }

  private ObjectNode botUser() {
    ObjectNode bot = nodes.objectNode();
    bot.put("id", BOT_USER_ID);
    bot.put("is_bot", true);
    bot.put("first_name", "Smart Assistant");
    bot.put("username", "smart_assistant_test_bot");
    bot.put("can_join_groups", true);
    bot.put("can_read_all_group_messages", false);
    bot.put("supports_inline_queries", false);
    return bot;
  }

  private ObjectNode webhookInfo() {
    ObjectNode info = nodes.objectNode();
    info.put("url", "");
    info.put("has_custom_certificate", false);
    info.put("pending_update_count", updates.size());
    return info;
  }

  private String textOfSent(long chatId, int messageId) {
    for (TelegramCall call : sentByChat.getOrDefault(chatId, List.of())) {
      if (call.messageId() != null && call.messageId() == messageId) {
        return call.text();
      }
    }
    return "";
  }

  private byte[] ok(JsonNode result) {
    ObjectNode body = nodes.objectNode();
    body.put("ok", true);
    body.set("result", result);
    return json.writeValueAsBytes(body);
  }

  private byte[] okUpdates(List<String> updatesJson) {
    return ("{\"ok\":true,\"result\":[" + String.join(",", updatesJson) + "]}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private byte[] error(int status, String description, Integer retryAfter) {
    ObjectNode body = nodes.objectNode();
    body.put("ok", false);
    body.put("error_code", status);
    body.put("description", description);
    if (retryAfter != null) {
      body.putObject("parameters").put("retry_after", retryAfter);
    }
    return json.writeValueAsBytes(body);
  }

  private static Answer success(JsonNode result) {
    return new Answer(200, result, null, null, null);
  }

  private static Answer badRequest(String reason) {
    return new Answer(400, null, "Bad Request: " + reason, null, null);
  }

  private static String describe(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 409 -> CONFLICT;
      case 429 -> "Too Many Requests: retry after 1";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "Error " + status;
    };
  }

  // ---------------------------------------------------------------- parameters

  /** Parameters from the query string and a JSON or form body, as the Bot API accepts them. */
  private ObjectNode params(HttpExchange exchange, byte[] body) {
    ObjectNode params = nodes.objectNode();
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      formInto(query, params);
    }
    if (body.length == 0) {
      return params;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String text = new String(body, StandardCharsets.UTF_8);
    if (contentType != null
        && contentType.toLowerCase(Locale.ROOT).contains("x-www-form-urlencoded")) {
      formInto(text, params);
    } else {
      try {
        JsonNode parsed = json.readTree(text);
        if (parsed instanceof ObjectNode object) {
          params.setAll(object);
        }
      } catch (JacksonException notJson) {
        // multipart and other bodies are not modelled; the call is still recorded
      }
    }
    return params;
  }

  private static void formInto(String form, ObjectNode params) {
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.put(key, value);
    }
  }

  /** A parameter that may arrive as JSON or as a JSON string (form bodies). */
  private JsonNode jsonValue(JsonNode value) {
    if (value.isString()) {
      String text = value.stringValue().trim();
      if (text.startsWith("{") || text.startsWith("[")) {
        try {
          return json.readTree(text);
        } catch (JacksonException notJson) {
          return value;
        }
      }
    }
    return value;
  }

  private static Long chatIdOf(ObjectNode params) {
    JsonNode chatId = params.get("chat_id");
    if (chatId == null || chatId.isNull()) {
      return null;
    }
    if (chatId.isIntegralNumber()) {
      return chatId.asLong();
    }
    try {
      return Long.parseLong(chatId.asString().trim());
    } catch (NumberFormatException username) {
      return null;
    }
  }

  private static String textOf(ObjectNode params, String name) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asString() : value.toString();
  }

  private static long longOf(ObjectNode params, String name, long fallback) {
    JsonNode value = params.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (value.isNumber()) {
      return value.asLong();
    }
    try {
      return Long.parseLong(value.asString().trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private void count(String method) {
    counts.computeIfAbsent(method, m -> new LongAdder()).increment();
  }

  private static String canonical(String method) {
    return CANONICAL_NAMES.getOrDefault(method.toLowerCase(Locale.ROOT), method);
  }

  // ---------------------------------------------------------------- waiting

  private <T> T locked(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  private List<TelegramCall> await(
      Supplier<List<TelegramCall>> found, int count, Duration timeout, String expectation) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (found.get().size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "expected "
                  + expectation
                  + " within "
                  + timeout
                  + ", got "
                  + found.get().size()
                  + ". Calls received:\n"
                  + describe(calls));
        }
        changed.awaitNanos(left);
      }
      return List.copyOf(found.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + expectation, e);
    } finally {
      lock.unlock();
    }
  }

  private void awaitCondition(BooleanSupplier condition, Duration timeout, Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!condition.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
        }
        changed.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what.get(), e);
    } finally {
      lock.unlock();
    }
  }

  private static String describe(List<TelegramCall> calls) {
    if (calls.isEmpty()) {
      return "  (none)";
    }
    StringBuilder text = new StringBuilder();
    for (TelegramCall call : calls) {
      text.append("  ")
          .append(call.method())
          .append(" chat=")
          .append(call.chatId())
          .append(" status=")
          .append(call.status());
      if (call.text() != null) {
        text.append(" text=\"").append(call.text()).append('"');
      }
      if (call.description() != null) {
        text.append(" (").append(call.description()).append(')');
      }
      text.append('\n');
    }
    return text.toString();
  }

  // ---------------------------------------------------------------- state types

  /** A getUpdates held until an update arrives or its time is up. */
  private static final class Poll {
    final HttpExchange exchange;
    final int offset;
    final int limit;
    ScheduledFuture<?> timer;

    Poll(HttpExchange exchange, int offset, int limit) {
      this.exchange = exchange;
      this.offset = offset;
      this.limit = limit;
    }

    void cancelTimer() {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  /** An injected failure for the next {@code remaining} matching calls. */
  private static final class Fault {
    final String method;
    int remaining;
    final int status;
    final String description;
    final Integer retryAfter;
    final boolean onlyFormatted;

    Fault(
        String method,
        int remaining,
        int status,
        String description,
        Integer retryAfter,
        boolean onlyFormatted) {
      this.method = method;
      this.remaining = remaining;
      this.status = status;
      this.description = description;
      this.retryAfter = retryAfter;
      this.onlyFormatted = onlyFormatted;
    }
  }

  private record Answer(
      int status, JsonNode result, String description, Integer retryAfter, Integer messageId) {}
}
