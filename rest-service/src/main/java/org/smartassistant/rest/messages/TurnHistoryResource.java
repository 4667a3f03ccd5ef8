package org.smartassistant.rest.messages;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AppendTurnsRequest;
import org.smartassistant.common.api.AppendTurnsRequest.Turn;
import org.smartassistant.common.api.AppendTurnsResult;
import org.smartassistant.common.api.AppendTurnsResult.Outcome;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.persistence.DatabaseFailures;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/messages/batch}: several turns' history, of one user or of many, in one request.
 * The assistant sends in one request the turns that finished while its last one was out: a request
 * costs rest-service more than the turn it carries (the HTTP exchange, the security chain, the
 * request's observation), so ten turns in one cost a fraction of ten requests (docs/operations.md,
 * "Where the time goes"). Each turn is stored as {@code POST /api/users/{id}/messages/batch} stores
 * it, in its own transaction, under the trace of the message it answered.
 */
@RestController
@Tag(name = "messages")
class TurnHistoryResource {

  /** The observation of one turn's store, which continues the trace the turn carries. */
  static final String TURN = "smart.history.turn";

  private static final Logger log = LoggerFactory.getLogger(TurnHistoryResource.class);

  private final MessageService service;
  private final ObservationRegistry observations;

  TurnHistoryResource(MessageService service, ObjectProvider<ObservationRegistry> observations) {
    this.service = service;
    this.observations = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
  }

  @Operation(
      summary = "Append several turns' history, of one user or of many",
      description =
          "Each turn (at most "
              + AppendTurnsRequest.MAX_TURNS
              + ") is stored as POST /api/users/{id}/messages/batch with its idempotencyKey as"
              + " the Idempotency-Key header would store it, in its own transaction, in order."
              + " 200 with one outcome per turn, in order: the status the one-user request would"
              + " have answered (201 stored, 200 replayed, 400, 404, 409, 503) and, when it was"
              + " not stored, why. traceparent: the W3C trace context the turn is stored under.")
  @PostMapping("/api/messages/batch")
  AppendTurnsResult appendTurns(@Valid @RequestBody AppendTurnsRequest request) {
    List<Outcome> outcomes = new ArrayList<>(request.turns().size());
    for (Turn turn : request.turns()) {
      outcomes.add(underItsTrace(turn, () -> store(turn, request.turns().size())));
    }
    return new AppendTurnsResult(outcomes);
  }

  private Outcome store(Turn turn, int turns) {
    Outcome outcome = outcomeOf(turn);
    log.debug(
        "turn of /api/users/{}/messages/batch, one of {} in /api/messages/batch: {}",
        turn.userId(),
        turns,
        outcome.status());
    return outcome;
  }

  private Outcome outcomeOf(Turn turn) {
    try {
      String key = MessageResource.batchKey(turn.idempotencyKey());
      boolean replayed =
          Idempotency.run(key, () -> service.appendAll(turn.userId(), turn.history(), key))
              .replayed();
      return new Outcome(replayed ? 200 : 201, null);
    } catch (InvalidInputException e) {
      return new Outcome(400, "invalid input: " + e.getMessage());
    } catch (NotFoundException e) {
      return new Outcome(404, e.getMessage());
    } catch (ConflictException e) {
      return new Outcome(409, e.getMessage());
    } catch (DataIntegrityViolationException e) {
      return new Outcome(409, "the change conflicts with existing data");
    } catch (RuntimeException e) {
      if (DatabaseFailures.unavailable(e)) {
        log.warn("database unavailable: {}", e.getMessage());
        return new Outcome(503, "the database is unavailable; retry later");
      }
      log.error("unexpected failure storing a turn of user {}", turn.userId(), e);
      return new Outcome(500, "an unexpected error occurred");
    }
  }

  /** Runs {@code store} in an observation that continues the turn's trace, when it has one. */
  private Outcome underItsTrace(Turn turn, Supplier<Outcome> store) {
    if (turn.traceparent() == null) {
      return store.get();
    }
    ReceiverContext<String> context =
        new ReceiverContext<>((carried, key) -> "traceparent".equals(key) ? carried : null);
    context.setCarrier(turn.traceparent());
    return Observation.createNotStarted(TURN, () -> context, observations)
        .contextualName("store turn")
        .observe(store);
  }
}
