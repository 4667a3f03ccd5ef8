package org.smartassistant.rest.turns;

import org.smartassistant.common.api.TurnContextDto;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a turn reads about its user, in one read-only transaction: the answers of {@code GET
 * /api/users/{id}}, {@code …/secretary}, {@code …/messages/window} and {@code
 * …/memories?fill=newest}, read in plain SQL ({@link TurnContextReader}).
 */
@Service
class TurnContextService {

  private final TurnContextReader reader;

  TurnContextService(TurnContextReader reader) {
    this.reader = reader;
  }

  /**
   * The user first: an unknown one is a 404 before anything else is read. A null window is the
   * settings' history window.
   */
  @Transactional(readOnly = true)
  TurnContextDto read(long userId, Integer window, String query, int facts) {
    TurnContextReader.UserAndSecretary user =
        reader.user(userId).orElseThrow(() -> new NotFoundException("user", userId));
    return new TurnContextDto(
        user.user(),
        user.secretary(),
        reader.window(userId, window != null ? window : user.historyWindow()),
        // without a query, the newest
        facts == 0 ? null : reader.facts(userId, query, facts));
  }
}
