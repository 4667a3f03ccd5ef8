package org.smartassistant.testsupport.fakes.telegram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@link FakeTelegramBotApi} was asked: every call but getUpdates with the answer it got, the
 * accepted sendMessage calls per chat, and a count of every method that is kept also with recording
 * off; tests wait here for calls to arrive. The calls are guarded by the parts' shared {@link
 * TelegramState}.
 */
final class TelegramCallLog {

  private final TelegramState state;
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  // everything below is guarded by the state's lock
  private final List<TelegramCall> calls = new ArrayList<>();
  private final Map<Long, List<TelegramCall>> sentByChat = new HashMap<>();
  // accepted sendMessage calls to any chat, in order: counted and waited for without going through
  // every call recorded (a benchmark waits for thousands of replies among many more calls)
  private final List<TelegramCall> sent = new ArrayList<>();
  private boolean recording = true;

  TelegramCallLog(TelegramState state) {
    this.state = state;
    state.onReset(
        () -> {
          calls.clear();
          sentByChat.clear();
          sent.clear();
          recording = true;
          counts.clear();
        });
  }

  /** With {@code false}, calls are only counted, not kept. */
  void setRecording(boolean record) {
    state.write(() -> recording = record);
  }

  List<TelegramCall> calls() {
    return state.read(() -> List.copyOf(calls));
  }

  /** Recorded calls of one method, any case. */
  List<TelegramCall> calls(String method) {
    String wanted = TelegramMethods.canonical(method);
    return state.read(() -> calls.stream().filter(c -> c.method().equals(wanted)).toList());
  }

  List<TelegramCall> sentMessages() {
    return state.read(() -> List.copyOf(sent));
  }

  List<TelegramCall> sentMessages(long chatId) {
    return state.read(() -> List.copyOf(sentByChat.getOrDefault(chatId, List.of())));
  }

  /** Waits until at least {@code count} messages to the chat were accepted; returns them all. */
  List<TelegramCall> awaitSentMessages(long chatId, int count, Duration timeout) {
    return await(
        () -> sentByChat.getOrDefault(chatId, List.of()),
        count,
        timeout,
        count + " accepted sendMessage call(s) to chat " + chatId);
  }

  /** Waits until at least {@code count} messages to any chat were accepted; returns them all. */
  List<TelegramCall> awaitSentMessages(int count, Duration timeout) {
    return await(() -> sent, count, timeout, count + " accepted sendMessage call(s)");
  }

  /** Waits until at least {@code count} calls of the method were recorded; returns them all. */
  List<TelegramCall> awaitCalls(String method, int count, Duration timeout) {
    String wanted = TelegramMethods.canonical(method);
    return await(
        () -> calls.stream().filter(c -> c.method().equals(wanted)).toList(),
        count,
        timeout,
        count + " " + wanted + " call(s)");
  }

  /** Waits until the bot has called getUpdates at least once. */
  void awaitPolling(Duration timeout) {
    state.await(
        () -> callCount("getUpdates") > 0,
        timeout,
        () -> null,
        () -> "timed out after " + timeout + " waiting for the bot to call getUpdates",
        () -> "the bot to call getUpdates");
  }

  /** How many calls of the method (any case) arrived, getUpdates included. */
  long callCount(String method) {
    LongAdder count = counts.get(TelegramMethods.canonical(method));
    return count == null ? 0 : count.sum();
  }

  /** Counts a call of the method (its documented name). */
  void count(String method) {
    counts.computeIfAbsent(method, m -> new LongAdder()).increment();
  }

  /** Keeps the call and the answer it got, unless recording is off; runs under the lock. */
  void record(String method, ObjectNode params, Instant receivedAt, TelegramAnswer answer) {
    if (!recording) {
      return;
    }
    JsonNode markup = params.get("reply_markup");
    TelegramCall call =
        new TelegramCall(
            method,
            TelegramParams.chatIdOf(params),
            TelegramParams.textOf(params, "text"),
            TelegramParams.textOf(params, "parse_mode"),
            markup == null || markup.isNull() ? null : TelegramParams.jsonValue(markup).toString(),
            params.toString(),
            receivedAt,
            answer.status(),
            answer.status() == 200 ? null : answer.description(),
            answer.messageId());
    calls.add(call);
    if (call.accepted() && method.equals("sendMessage")) {
      sent.add(call);
      if (call.chatId() != null) {
        sentByChat.computeIfAbsent(call.chatId(), id -> new ArrayList<>()).add(call);
      }
    }
    state.signalAll();
  }

  /** The text of a message the bot sent to the chat, or "" when unknown; runs under the lock. */
  String textOfSent(long chatId, int messageId) {
    for (TelegramCall call : sentByChat.getOrDefault(chatId, List.of())) {
      if (call.messageId() != null && call.messageId() == messageId) {
        return call.text();
      }
    }
    return "";
  }

  private List<TelegramCall> await(
      Supplier<List<TelegramCall>> found, int count, Duration timeout, String expectation) {
    return state.await(
        () -> found.get().size() >= count,
        timeout,
        () -> List.copyOf(found.get()),
        () ->
            "expected "
                + expectation
                + " within "
                + timeout
                + ", got "
                + found.get().size()
                + ". Calls received:\n"
                + describe(calls),
        () -> expectation);
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
}
