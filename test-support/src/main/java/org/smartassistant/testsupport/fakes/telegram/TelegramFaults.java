package org.smartassistant.testsupport.fakes.telegram;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeTelegramBotApi}'s injected failures: the next calls of a method answering an error
 * (429 with {@code retry_after}, "can't parse entities", 5xx), chats whose user blocked the bot,
 * and the one bot token accepted. Its fields are guarded by the parts' shared {@link
 * TelegramState}.
 */
final class TelegramFaults {

  /** Any method but getUpdates. */
  static final String ANY_METHOD = "*";

  /** What Telegram answers the older of two concurrent getUpdates. */
  static final String CONFLICT =
      "Conflict: terminated by other getUpdates request; make sure that only one bot instance is"
          + " running";

  private final TelegramState state;

  // everything below is guarded by the state's lock
  private final List<Fault> faults = new ArrayList<>();
  private final Set<Long> blockedChats = new HashSet<>();
  private String expectedToken;

  TelegramFaults(TelegramState state) {
    this.state = state;
    state.onReset(
        () -> {
          faults.clear();
          blockedChats.clear();
          expectedToken = null;
        });
  }

  /** Whether the token is the expected one (any is, while none is expected); under the lock. */
  boolean tokenAccepted(String token) {
    return expectedToken == null || expectedToken.equals(token);
  }

  /** Answers 401 Unauthorized to every other bot token; null accepts any. */
  void expectToken(String token) {
    state.write(() -> expectedToken = token);
  }

  /** The next {@code count} sendMessage calls answer 429 "Too Many Requests: retry after S". */
  void rateLimitNextSendMessages(int count, int retryAfterSeconds) {
    add(
        new Fault(
            "sendmessage",
            count,
            429,
            "Too Many Requests: retry after " + retryAfterSeconds,
            retryAfterSeconds,
            false));
  }

  /** The next {@code count} sendMessage calls with a {@code parse_mode} answer 400. */
  void rejectNextFormattedSendMessages(int count) {
    add(
        new Fault(
            "sendmessage",
            count,
            400,
            "Bad Request: can't parse entities: Can't find end of the entity starting at byte"
                + " offset 0",
            null,
            true));
  }

  /** The next {@code count} calls of the method (any case, or {@code "*"}) answer the status. */
  void failNextCalls(String method, int count, int status) {
    add(
        new Fault(
            ANY_METHOD.equals(method) ? ANY_METHOD : method.toLowerCase(Locale.ROOT),
            count,
            status,
            describe(status),
            null,
            false));
  }

  void blockChat(long chatId) {
    state.write(() -> blockedChats.add(chatId));
  }

  void unblockChat(long chatId) {
    state.write(() -> blockedChats.remove(chatId));
  }

  private void add(Fault fault) {
    if (fault.remaining > 0) {
      state.write(() -> faults.add(fault));
    }
  }

  /**
   * The 401 of a wrong token, else an injected fault for the call (then used up), else null; runs
   * under the lock.
   *
   * @param method the method in lower case
   */
  TelegramAnswer refusal(String method, String token, ObjectNode params) {
    if (expectedToken != null && !expectedToken.equals(token)) {
      return TelegramAnswer.rejected(401, "Unauthorized");
    }
    Fault fault = take(method, params);
    if (fault != null) {
      return new TelegramAnswer(fault.status, null, fault.description, fault.retryAfter, null);
    }
    return null;
  }

  /** The 403 of a chat whose user blocked the bot, else null; runs under the lock. */
  TelegramAnswer blocked(Long chatId) {
    if (chatId != null && blockedChats.contains(chatId)) {
      return TelegramAnswer.rejected(403, "Forbidden: bot was blocked by the user");
    }
    return null;
  }

  private Fault take(String method, ObjectNode params) {
    boolean formatted = TelegramParams.textOf(params, "parse_mode") != null;
    for (Iterator<Fault> it = faults.iterator(); it.hasNext(); ) {
      Fault fault = it.next();
      boolean methodMatches =
          fault.method.equals(method)
              || (fault.method.equals(ANY_METHOD) && !method.equals(TelegramMethods.GET_UPDATES));
      if (methodMatches && (!fault.onlyFormatted || formatted)) {
        if (--fault.remaining <= 0) {
          it.remove();
        }
        return fault;
      }
    }
    return null;
  }

  /** Telegram's description of an error status. */
  static String describe(int status) {
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
}
