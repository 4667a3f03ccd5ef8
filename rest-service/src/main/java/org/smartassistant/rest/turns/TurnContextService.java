package org.smartassistant.rest.turns;

import org.smartassistant.common.api.TurnContextDto;
import org.smartassistant.rest.memories.MemoryService;
import org.smartassistant.rest.messages.MessageService;
import org.smartassistant.rest.secretaries.SecretaryService;
import org.smartassistant.rest.users.UserService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a turn reads about its user, read in one transaction from the services that own it. */
@Service
class TurnContextService {

  private final UserService users;
  private final SecretaryService secretaries;
  private final MessageService messages;
  private final MemoryService memories;

  TurnContextService(
      UserService users,
      SecretaryService secretaries,
      MessageService messages,
      MemoryService memories) {
    this.users = users;
    this.secretaries = secretaries;
    this.messages = messages;
    this.memories = memories;
  }

  /**
   * The user first: an unknown one is a 404 before anything else is read. A null window is the
   * settings' history window.
   */
  @Transactional(readOnly = true)
  TurnContextDto read(long userId, Integer window, String query, int facts) {
    return new TurnContextDto(
        users.get(userId),
        secretaries.find(userId).orElse(null),
        messages.window(userId, window),
        // without a query, findFilled answers the newest, as find does
        facts == 0 ? null : memories.findFilled(userId, query, facts));
  }
}
