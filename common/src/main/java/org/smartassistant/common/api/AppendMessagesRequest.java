package org.smartassistant.common.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Appends several messages to a user's history in one request and one transaction, in order: what
 * one turn said (the user's message and the answer). With an {@code Idempotency-Key} {@code K}, the
 * message at position {@code i} is stored under the key {@code K:<i>:<role>}, the key a single
 * append of it would use.
 *
 * @param usage what the turn's model calls cost (as {@code POST /api/users/{id}/usage} records it),
 *     added in the same transaction, and only when a message was new: a replayed batch adds it not
 *     twice; null or empty for none
 */
public record AppendMessagesRequest(
    @NotEmpty @Size(max = AppendMessagesRequest.MAX_MESSAGES)
        List<@Valid AppendMessageRequest> messages,
    @Size(max = AppendMessagesRequest.MAX_MESSAGES) List<@Valid RecordUsageRequest> usage) {

  /** Messages without usage. */
  public AppendMessagesRequest(List<AppendMessageRequest> messages) {
    this(messages, null);
  }

  /** Messages per request at most. */
  public static final int MAX_MESSAGES = 20;

  /** The key of the message at {@code position} when the request's key is {@code key}. */
  public static String keyOf(String key, int position, MessageRole role) {
    return key + ":" + position + ":" + role.name().toLowerCase(java.util.Locale.ROOT);
  }
}
