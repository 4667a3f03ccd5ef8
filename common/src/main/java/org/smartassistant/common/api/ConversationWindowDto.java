package org.smartassistant.common.api;

import java.util.List;

/**
 * What the assistant reloads a conversation from, in one request: the last messages, oldest first,
 * and the newest summary (the content of the latest {@code system} message), or null.
 */
public record ConversationWindowDto(String summary, List<MessageDto> messages) {

  public ConversationWindowDto {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }
}
