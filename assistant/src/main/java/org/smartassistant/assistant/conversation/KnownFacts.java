package org.smartassistant.assistant.conversation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.RestServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The facts kept about a user (long-term memory in rest-service) that a turn shows the model: those
 * sharing words with what is to be answered, most relevant first, topped up with the newest when
 * few match. Asked by the turn's user id only, so no other user's fact can reach the prompt.
 */
@Component
class KnownFacts {

  /** Facts shown in one prompt at most. */
  static final int SHOWN = 10;

  /** Fewer matches than this are topped up with the newest facts. */
  static final int FEW = 5;

  private static final Logger log = LoggerFactory.getLogger(KnownFacts.class);

  private final RestServiceClient rest;

  KnownFacts(RestServiceClient rest) {
    this.rest = rest;
  }

  /**
   * The user's facts most relevant to {@code text}, at most {@link #SHOWN}; none when rest-service
   * cannot say (the turn goes on without them, as it would for a user with none).
   */
  List<MemoryDto> relevantTo(long userId, String text) {
    try {
      Map<Long, MemoryDto> shown = new LinkedHashMap<>();
      if (text != null && !text.isBlank()) {
        rest.memories(userId, text, SHOWN).forEach(fact -> shown.put(fact.id(), fact));
      }
      if (shown.size() < FEW) {
        for (MemoryDto fact : rest.memories(userId, null, SHOWN)) {
          if (shown.size() >= SHOWN) {
            break;
          }
          shown.putIfAbsent(fact.id(), fact);
        }
      }
      return new ArrayList<>(shown.values());
    } catch (RestClientException e) {
      log.warn("the facts kept about user {} could not be read: {}", userId, e.getMessage());
      return List.of();
    }
  }
}
