package org.smartassistant.testsupport.fakes.telegram;

import com.sun.net.httpserver.HttpExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ScheduledFuture;
import java.util.function.IntFunction;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeTelegramBotApi}'s update queue as getUpdates serves it: updates in id order, those
 * below a request's {@code offset} confirmed and dropped, one long poll held until an update
 * arrives or its time is up, and the older of two concurrent polls answered 409. Its fields are
 * guarded by the parts' shared {@link TelegramState}.
 */
final class TelegramUpdates {

  private final TelegramState state;
  private final FakeHttpServer http;
  private final TelegramFaults faults;
  private final TelegramCallLog calls;

  // everything below is guarded by the state's lock
  private final TreeMap<Integer, String> updates = new TreeMap<>();
  // when each update not yet fetched was pushed (System.nanoTime), and how long each fetched one
  // waited for its getUpdates
  private final Map<Integer, Long> pushedAt = new HashMap<>();
  private final List<Duration> fetchWaits = new ArrayList<>();
  private Poll waitingPoll;
  private int confirmedOffset;
  private int nextUpdateId = 100;
  private Duration longPollCap = FakeTelegramBotApi.DEFAULT_LONG_POLL_CAP;

  TelegramUpdates(
      TelegramState state, FakeHttpServer http, TelegramFaults faults, TelegramCallLog calls) {
    this.state = state;
    this.http = http;
    this.faults = faults;
    this.calls = calls;
    state.onReset(
        () -> {
          updates.clear();
          pushedAt.clear();
          fetchWaits.clear();
          confirmedOffset = 0;
          longPollCap = FakeTelegramBotApi.DEFAULT_LONG_POLL_CAP;
        });
  }

  /** Holds a getUpdates at most this long (the client's timeout is capped to it). */
  void setLongPollCap(Duration cap) {
    state.write(() -> longPollCap = cap);
  }

  /** The highest {@code offset} a getUpdates carried (0 when none did). */
  int confirmedOffset() {
    return state.read(() -> confirmedOffset);
  }

  void awaitConfirmed(int updateId, Duration timeout) {
    String what = "update " + updateId + " to be confirmed; confirmed offset is ";
    state.await(
        () -> confirmedOffset > updateId,
        timeout,
        () -> null,
        () -> "timed out after " + timeout + " waiting for " + what + confirmedOffset,
        () -> what + confirmedOffset);
  }

  /**
   * How long each update waited, from its push until the first getUpdates answer that carried it,
   * in the order they were fetched (the time Telegram holds an update until the bot asks for it).
   */
  List<Duration> fetchWaits() {
    return state.read(() -> List.copyOf(fetchWaits));
  }

  /** Updates pushed and not yet confirmed. */
  int pending() {
    return state.read(updates::size);
  }

  /** The same as {@link #pending()} for a caller that holds the lock. */
  int pendingLocked() {
    return updates.size();
  }

  /** Answers a held long poll with no updates, as the fake stops. */
  void releaseHeldPoll() {
    Poll held =
        state.read(
            () -> {
              Poll poll = waitingPoll;
              waitingPoll = null;
              return poll;
            });
    if (held != null) {
      held.cancelTimer();
      FakeHttpServer.respond(
          held.exchange, 200, Map.of(), TelegramAnswer.ok(JsonNodeFactory.instance.arrayNode()));
    }
  }

  /**
   * Queues the update {@code build} makes for the next id (under the lock, so that updates enter
   * the queue in id order) and hands it to a held poll; returns the id.
   */
  int push(IntFunction<ObjectNode> build) {
    Poll wake = null;
    List<String> ready = List.of();
    int updateId;
    state.lock();
    try {
      updateId = nextUpdateId++;
      updates.put(updateId, build.apply(updateId).toString());
      pushedAt.put(updateId, System.nanoTime());
      if (waitingPoll != null) {
        ready = available(waitingPoll.offset, waitingPoll.limit);
        if (!ready.isEmpty()) {
          wake = waitingPoll;
          waitingPoll = null;
        }
      }
      state.signalAll();
    } finally {
      state.unlock();
    }
    if (wake != null) {
      wake.cancelTimer();
      FakeHttpServer.respond(wake.exchange, 200, Map.of(), TelegramAnswer.okUpdates(ready));
    }
    return updateId;
  }

  /** The next update id, for an update sent another way (a webhook); call under the lock. */
  int reserveId() {
    return nextUpdateId++;
  }

  /** Answers a getUpdates now, or holds it as the long poll. */
  void getUpdates(HttpExchange exchange, String token, ObjectNode params) {
    long requestedOffset = TelegramParams.longOf(params, "offset", 0);
    int offset = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, requestedOffset));
    int limit = (int) Math.max(1, Math.min(100, TelegramParams.longOf(params, "limit", 100)));
    long timeoutSeconds = Math.max(0, TelegramParams.longOf(params, "timeout", 0));
    Poll poll = new Poll(exchange, offset, limit);
    Poll conflicting = null;
    List<String> ready = List.of();
    TelegramAnswer refusal;
    state.lock();
    try {
      refusal = faults.refusal(TelegramMethods.GET_UPDATES, token, params);
      if (refusal == null) {
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
      calls.count("getUpdates");
      state.signalAll();
    } finally {
      state.unlock();
    }
    if (refusal != null) {
      // an error body whatever the status, also for a fault injected with 200
      byte[] body =
          TelegramAnswer.errorBody(refusal.status(), refusal.description(), refusal.retryAfter());
      FakeHttpServer.respond(exchange, refusal.status(), Map.of(), body);
      return;
    }
    if (conflicting != null) {
      // Telegram answers the older of two concurrent getUpdates with 409
      conflicting.cancelTimer();
      FakeHttpServer.respond(
          conflicting.exchange,
          409,
          Map.of(),
          TelegramAnswer.errorBody(409, TelegramFaults.CONFLICT, null));
    }
    if (poll.timer == null) {
      FakeHttpServer.respond(exchange, 200, Map.of(), TelegramAnswer.okUpdates(ready));
    }
  }

  private void confirm(int offset) {
    if (offset > 0) {
      updates.headMap(offset).keySet().forEach(pushedAt::remove);
      updates.headMap(offset).clear();
      if (offset > confirmedOffset) {
        confirmedOffset = offset;
        state.signalAll();
      }
    } else if (offset < 0) {
      // a negative offset keeps only the last -offset updates, as in the Bot API
      while (updates.size() > -(long) offset) {
        pushedAt.remove(updates.pollFirstEntry().getKey());
      }
    }
  }

  /** The updates a getUpdates answer carries now; those fetched for the first time are timed. */
  private List<String> available(int offset, int limit) {
    List<String> ready = new ArrayList<>();
    long now = System.nanoTime();
    for (Map.Entry<Integer, String> pending : updates.tailMap(offset, true).entrySet()) {
      if (ready.size() == limit) {
        break;
      }
      ready.add(pending.getValue());
      Long pushed = pushedAt.remove(pending.getKey());
      if (pushed != null) {
        fetchWaits.add(Duration.ofNanos(now - pushed));
      }
    }
    return ready;
  }

  private void expire(Poll poll) {
    boolean held =
        state.read(
            () -> {
              if (waitingPoll != poll) {
                return false;
              }
              waitingPoll = null;
              return true;
            });
    if (held) {
      FakeHttpServer.respond(poll.exchange, 200, Map.of(), TelegramAnswer.okUpdates(List.of()));
    }
  }

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
}
