package org.smartassistant.common.api;

import java.util.List;

/**
 * The answer to {@link AppendTurnsRequest}: one outcome per turn, in the request's order.
 *
 * @param turns the outcome of each turn
 */
public record AppendTurnsResult(List<Outcome> turns) {

  /**
   * What became of one turn: the status the one-user request ({@code POST
   * /api/users/{id}/messages/batch}) would have answered: 201 stored, 200 stored before under the
   * same key (nothing written), 400, 404 (no such user), 409 (the key was used for another
   * request), 503 (the database is unavailable), 500.
   *
   * @param status as an HTTP status code
   * @param detail why it was not stored; null when it was
   */
  public record Outcome(int status, String detail) {

    /** Whether the turn's history is stored (now or before). */
    public boolean stored() {
      return status == 200 || status == 201;
    }
  }
}
