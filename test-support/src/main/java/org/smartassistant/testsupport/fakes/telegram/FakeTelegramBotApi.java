package org.smartassistant.testsupport.fakes.telegram;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;

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
 *
 * <p>In parts, in {@code fakes.telegram} under one shared lock: {@code TelegramFaults}, {@code
 * TelegramUpdates} (getUpdates queue, long poll) fed by {@code UserUpdates}, {@code
 * TelegramCallLog} (recorded calls, waiting), {@code TelegramRouter} (method handlers, with {@code
 * TelegramMessages}), {@code TelegramObjects} and {@code TelegramAnswer} (the JSON), {@code
 * TelegramParams}; this class forwards to them, and inherits what users do (send texts, files,
 * group messages, webhook posts) from {@link TelegramUserActions}.
 */
public final class FakeTelegramBotApi extends TelegramUserActions implements AutoCloseable {

  /** How long a {@code getUpdates} is held at most, whatever timeout the client asked for. */
  public static final Duration DEFAULT_LONG_POLL_CAP = Duration.ofSeconds(10);

  /** Telegram's limit on a message text after entity parsing. */
  public static final int MAX_MESSAGE_LENGTH = 4096;

  private final FakeHttpServer http;
  private final TelegramParts parts;
  private final TelegramFaults faults;
  private final TelegramUpdates updates;
  private final TelegramCallLog calls;

  /** A fake on a free port; call {@link #start()}. */
  public FakeTelegramBotApi() {
    this(0);
  }

  /** A fake on the given port (0 for a free one); call {@link #start()}. */
  public FakeTelegramBotApi(int port) {
    this(new TelegramParts("fake-telegram", port));
  }

  private FakeTelegramBotApi(TelegramParts parts) {
    super(parts.userUpdates(), parts.updates(), parts.textUpdates(), parts.webhook());
    this.parts = parts;
    this.http = parts.http();
    this.faults = parts.faults();
    this.updates = parts.updates();
    this.calls = parts.calls();
  }

  /** Starts listening on 127.0.0.1; returns this for {@code try (var tg = new ...().start())}. */
  public FakeTelegramBotApi start() {
    http.start();
    return this;
  }

  /** Answers a held long poll with no updates and stops listening. */
  @Override
  public void close() {
    updates.releaseHeldPoll();
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
    parts.reset();
  }

  /** Holds a {@code getUpdates} at most this long (the client's timeout is capped to it). */
  public FakeTelegramBotApi setLongPollCap(Duration cap) {
    updates.setLongPollCap(cap);
    return this;
  }

  /** Answers 401 Unauthorized to every other bot token, as Telegram does to a wrong token. */
  public FakeTelegramBotApi expectToken(String token) {
    faults.expectToken(token);
    return this;
  }

  /**
   * With {@code false}, calls are only counted ({@link #callCount}), not kept: for long benchmark
   * runs.
   */
  public FakeTelegramBotApi setRecording(boolean record) {
    calls.setRecording(record);
    return this;
  }

  /** The next {@code count} sendMessage calls answer 429 "Too Many Requests: retry after S". */
  public FakeTelegramBotApi rateLimitNextSendMessages(int count, int retryAfterSeconds) {
    faults.rateLimitNextSendMessages(count, retryAfterSeconds);
    return this;
  }

  /**
   * The next {@code count} calls of the method (any case, e.g. {@code sendMessageDraft}) answer 429
   * with {@code parameters.retry_after}.
   */
  public FakeTelegramBotApi rateLimitNextCalls(String method, int count, int retryAfterSeconds) {
    faults.rateLimitNextCalls(method, count, retryAfterSeconds);
    return this;
  }

  /**
   * The next {@code count} sendMessage calls that carry a {@code parse_mode} answer 400 "Bad
   * Request: can't parse entities: ..."; plain-text sends are not affected, so a plain retry
   * succeeds.
   */
  public FakeTelegramBotApi rejectNextFormattedSendMessages(int count) {
    faults.rejectNextFormattedSendMessages(count);
    return this;
  }

  /** The next {@code count} calls of any method except getUpdates answer with the status. */
  public FakeTelegramBotApi failNextCalls(int count, int status) {
    return failNextCalls("*", count, status);
  }

  /**
   * The next {@code count} calls of the method (any case; {@code "*"} for any but getUpdates)
   * answer with the status (500, 502, ...) and Telegram's error JSON.
   */
  public FakeTelegramBotApi failNextCalls(String method, int count, int status) {
    faults.failNextCalls(method, count, status);
    return this;
  }

  /** Calls aimed at this chat answer 403 "Forbidden: bot was blocked by the user". */
  public FakeTelegramBotApi blockChat(long chatId) {
    faults.blockChat(chatId);
    return this;
  }

  public FakeTelegramBotApi unblockChat(long chatId) {
    faults.unblockChat(chatId);
    return this;
  }

  /** Every recorded call (all methods but getUpdates), accepted or rejected, in arrival order. */
  public List<TelegramCall> calls() {
    return calls.calls();
  }

  /** Recorded calls of one method, any case ({@code "sendChatAction"}). */
  public List<TelegramCall> calls(String method) {
    return calls.calls(method);
  }

  /** sendMessage calls Telegram accepted, in order. */
  public List<TelegramCall> sentMessages() {
    return calls.sentMessages();
  }

  /** sendMessage calls to the chat that Telegram accepted, in order. */
  public List<TelegramCall> sentMessages(long chatId) {
    return calls.sentMessages(chatId);
  }

  /** The texts of {@link #sentMessages(long)}. */
  public List<String> sentTexts(long chatId) {
    return sentMessages(chatId).stream().map(TelegramCall::text).toList();
  }

  /**
   * What the chat shows now: the text of every message sent to it, in order, as last edited ({@code
   * editMessageText} accepted), as a member of the chat reads them.
   */
  public List<String> shownTexts(long chatId) {
    Map<Integer, String> shown = new LinkedHashMap<>();
    for (TelegramCall call : calls()) {
      if (!call.accepted() || call.chatId() == null || call.chatId() != chatId) {
        continue;
      }
      if ("sendMessage".equals(call.method())) {
        shown.put(call.messageId(), call.text());
      } else if ("editMessageText".equals(call.method())) {
        String edited = call.param("message_id");
        if (edited != null) {
          shown.computeIfPresent(Integer.valueOf(edited), (id, before) -> call.text());
        }
      }
    }
    return List.copyOf(shown.values());
  }

  /**
   * Waits until at least {@code count} messages to the chat were accepted and returns them all;
   * fails with the list of what was sent when the time runs out.
   */
  public List<TelegramCall> awaitSentMessages(long chatId, int count, Duration timeout) {
    return calls.awaitSentMessages(chatId, count, timeout);
  }

  /**
   * Waits until at least {@code count} messages to any chat were accepted and returns them all, in
   * order; woken by each call the fake records, not polled.
   */
  public List<TelegramCall> awaitSentMessages(int count, Duration timeout) {
    return calls.awaitSentMessages(count, timeout);
  }

  /** Waits until at least {@code count} calls of the method were recorded and returns them all. */
  public List<TelegramCall> awaitCalls(String method, int count, Duration timeout) {
    return calls.awaitCalls(method, count, timeout);
  }

  /**
   * The highest {@code offset} a getUpdates carried: every update below it is confirmed (0 when
   * none was).
   */
  public int confirmedOffset() {
    return updates.confirmedOffset();
  }

  /** Whether the bot confirmed the update (asked for updates after it). */
  public boolean isConfirmed(int updateId) {
    return confirmedOffset() > updateId;
  }

  /** Waits until the bot confirmed the update; fails when the time runs out. */
  public void awaitConfirmed(int updateId, Duration timeout) {
    updates.awaitConfirmed(updateId, timeout);
  }

  /**
   * Waits until the bot has called getUpdates at least once (it is polling); a long poll that found
   * no updates is held by the time this returns.
   */
  public void awaitPolling(Duration timeout) {
    calls.awaitPolling(timeout);
  }

  /**
   * How long each pushed update waited until the first getUpdates answer that carried it, in the
   * order they were fetched: the time Telegram holds an update until the bot asks for it.
   */
  public List<Duration> fetchWaits() {
    return updates.fetchWaits();
  }

  /** Updates pushed and not yet confirmed. */
  public int pendingUpdates() {
    return updates.pending();
  }

  /** How many calls of the method arrived (getUpdates included), also with recording off. */
  public long callCount(String method) {
    return calls.callCount(method);
  }
}
