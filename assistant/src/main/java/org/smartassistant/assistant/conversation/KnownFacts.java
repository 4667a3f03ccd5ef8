package org.smartassistant.assistant.conversation;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.RestServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;

/**
 * The facts kept about a user (long-term memory in rest-service) that a turn shows the model: those
 * sharing words with what is to be answered, most relevant first, the rest filled with the newest
 * (one request). Asked by the turn's user id only, so no other user's fact can reach the prompt. A
 * user found to have none is not asked again until a fact of theirs is kept or forgotten ({@link
 * SecretaryResolver#mayHaveFacts}).
 */
@Component
class KnownFacts {

  /** Facts shown in one prompt at most. */
  static final int SHOWN = SecretaryResolver.FACTS_SHOWN;

  private static final Logger log = LoggerFactory.getLogger(KnownFacts.class);

  private final RestServiceClient rest;
  private final SecretaryResolver resolver;

  KnownFacts(RestServiceClient rest, SecretaryResolver resolver) {
    this.rest = rest;
    this.resolver = resolver;
  }

  /**
   * The user's facts most relevant to {@code text}, at most {@link #SHOWN}; none when rest-service
   * cannot say (the turn goes on without them, as it would for a user with none).
   */
  List<MemoryDto> relevantTo(long userId, String text) {
    if (!resolver.mayHaveFacts(userId)) {
      return List.of();
    }
    List<MemoryDto> readWithUser = resolver.factsReadWithUser(userId, text);
    if (readWithUser != null) {
      resolver.factsRead(userId, !readWithUser.isEmpty());
      return readWithUser;
    }
    try {
      List<MemoryDto> facts =
          text == null || text.isBlank()
              ? rest.memories(userId, null, SHOWN)
              : rest.memoriesFilled(userId, text, SHOWN);
      resolver.factsRead(userId, !facts.isEmpty());
      return facts;
    } catch (RestClientException e) {
      log.warn("the facts kept about user {} could not be read: {}", userId, e.getMessage());
      return List.of();
    }
  }
}
