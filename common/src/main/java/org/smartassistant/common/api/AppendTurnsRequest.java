package org.smartassistant.common.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What several turns said, of one user or of many, in one request ({@code POST
 * /api/messages/batch}): each turn is stored as {@code POST /api/users/{id}/messages/batch} would
 * store it, in its own transaction, and answered on its own ({@link AppendTurnsResult}).
 *
 * @param turns in the order they are stored
 */
public record AppendTurnsRequest(
    @NotEmpty @Size(max = AppendTurnsRequest.MAX_TURNS) List<@Valid @NotNull Turn> turns) {

  /** Turns per request at most. */
  public static final int MAX_TURNS = 64;

  /**
   * One turn.
   *
   * @param userId whose history it is
   * @param idempotencyKey what the {@code Idempotency-Key} header of the one-user request would
   *     carry (each message stored under {@code <key>:<position>:<role>}); null for none
   * @param traceparent the W3C trace context of the message the turn answered: rest-service stores
   *     the turn under that trace, so its log lines carry the message's trace id; null for none
   * @param history the messages and the usage, as the one-user request's body
   */
  public record Turn(
      @Positive long userId,
      String idempotencyKey,
      @Size(max = 64) String traceparent,
      @NotNull @Valid AppendMessagesRequest history) {}
}
