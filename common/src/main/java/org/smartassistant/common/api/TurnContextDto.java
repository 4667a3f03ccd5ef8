package org.smartassistant.common.api;

import java.util.List;

/**
 * What a turn of a user reads before it asks the model, in one request ({@code GET
 * /api/users/{id}/turn-context}): the user, the secretary that answers them (null when they have
 * none and no default is set), the conversation window, and the facts most relevant to the message
 * (none when none were asked for).
 */
public record TurnContextDto(
    UserDto user, UserSecretaryDto secretary, ConversationWindowDto window, List<MemoryDto> facts) {

  /** The longest text rest-service searches facts with ({@code q}, here and on /memories). */
  public static final int MAX_QUERY_LENGTH = 2000;

  public TurnContextDto {
    facts = facts == null ? List.of() : List.copyOf(facts);
  }
}
