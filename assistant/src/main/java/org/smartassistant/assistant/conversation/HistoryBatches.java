package org.smartassistant.assistant.conversation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.AppendTurnsRequest;
import org.smartassistant.common.api.AppendTurnsRequest.Turn;
import org.smartassistant.common.api.AppendTurnsResult;
import org.smartassistant.common.api.RestServiceClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Stores what turns said in rest-service, many turns in one request ({@code POST
 * /api/messages/batch}): a turn that finds a request out waits for it to come back, and then the
 * turns that queued meanwhile go together in the next one, sent by the first of their threads (a
 * group commit, with no timer: a turn alone is sent at once). A request costs rest-service more
 * than the turn it carries, so under load this takes most of that cost away (docs/operations.md,
 * "Where the time goes").
 *
 * <p>{@link #store} returns once the turn is stored, as the one-user request would: its inbox entry
 * is still acknowledged only after that. A turn the batch did not store (rest-service refused it,
 * or the batch request failed) is sent again on its own by its own thread ({@link
 * RestServiceClient#appendMessages}, with its retries), which stores it or throws what that request
 * answers: a turn is never lost, and never stored twice (its messages' idempotency keys).
 */
@Component
class HistoryBatches {

  /** The observation of one turn's store, from its queueing to its outcome. */
  static final String STORE = "smart.history.store";

  private static final Logger log = LoggerFactory.getLogger(HistoryBatches.class);

  private final RestServiceClient rest;
  private final ObservationRegistry observations;
  private final ReentrantLock lock = new ReentrantLock();
  // guarded by lock
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private boolean sending;

  HistoryBatches(RestServiceClient rest, ObjectProvider<ObservationRegistry> observations) {
    this.rest = rest;
    this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
  }

  /**
   * Stores one turn's history, with the others waiting at the same time; returns once it is stored.
   *
   * @param key the turn's idempotency key (its messages are stored under {@code
   *     <key>:<position>:<role>}); not null
   * @throws org.springframework.web.client.RestClientException as {@link
   *     RestServiceClient#appendMessages} throws it, when the turn could not be stored
   */
  void store(long userId, String key, AppendMessagesRequest history) {
    Map<String, String> carrier = new HashMap<>();
    SenderContext<Map<String, String>> context = new SenderContext<>(Map::put);
    context.setCarrier(carrier);
    context.setRemoteServiceName("rest-service");
    Observation.createNotStarted(STORE, () -> context, observations)
        .contextualName("store history")
        .observe(
            () -> {
              Pending mine =
                  new Pending(new Turn(userId, key, carrier.get("traceparent"), history));
              if (!inABatch(mine)) {
                rest.appendMessages(userId, key, history);
              }
            });
  }

  /**
   * Queues the turn and waits until a batch has taken it in, sending the batch itself when no
   * request is out.
   *
   * @return whether the batch stored it; false when it is to be sent on its own
   */
  private boolean inABatch(Pending mine) {
    lock.lock();
    try {
      queue.add(mine);
      while (mine.stored == null) {
        if (sending) {
          mine.returned.awaitUninterruptibly();
          continue;
        }
        sending = true;
        List<Pending> batch = take();
        lock.unlock();
        try {
          send(batch);
        } finally {
          lock.lock();
          sending = false;
          for (Pending done : batch) {
            if (done.stored == null) {
              // the send failed with an Error: each turn goes on its own
              done.stored = false;
            }
            done.returned.signal();
          }
          // the turn that queued first sends the next batch
          Pending next = queue.peek();
          if (next != null) {
            next.returned.signal();
          }
        }
      }
      return mine.stored;
    } finally {
      lock.unlock();
    }
  }

  private List<Pending> take() {
    List<Pending> batch = new ArrayList<>(Math.min(queue.size(), AppendTurnsRequest.MAX_TURNS));
    while (!queue.isEmpty() && batch.size() < AppendTurnsRequest.MAX_TURNS) {
      batch.add(queue.poll());
    }
    return batch;
  }

  /** Sends the batch and marks each turn stored or not; never throws. */
  private void send(List<Pending> batch) {
    List<Turn> turns = new ArrayList<>(batch.size());
    batch.forEach(pending -> turns.add(pending.turn));
    List<AppendTurnsResult.Outcome> outcomes;
    try {
      outcomes = rest.appendTurns(new AppendTurnsRequest(turns)).turns();
    } catch (RuntimeException e) {
      log.warn(
          "a batch of {} turns' history failed, each is sent on its own: {}",
          turns.size(),
          e.toString());
      outcomes = null;
    }
    if (outcomes != null && outcomes.size() != batch.size()) {
      log.warn(
          "{} outcomes for {} turns' history, each is sent on its own",
          outcomes.size(),
          batch.size());
      outcomes = null;
    }
    lock.lock();
    try {
      for (int i = 0; i < batch.size(); i++) {
        boolean stored = outcomes != null && outcomes.get(i).stored();
        if (outcomes != null && !stored) {
          log.info(
              "a turn of user {} was not stored in its batch ({} {}), it is sent on its own",
              batch.get(i).turn.userId(),
              outcomes.get(i).status(),
              outcomes.get(i).detail());
        }
        batch.get(i).stored = stored;
      }
    } finally {
      lock.unlock();
    }
  }

  /** A turn waiting to be stored. */
  private final class Pending {
    final Turn turn;
    final Condition returned = lock.newCondition();
    // guarded by lock: null while waiting, then whether its batch stored it
    Boolean stored;

    Pending(Turn turn) {
      this.turn = turn;
    }
  }
}
