package org.smartassistant.testsupport.fakes;

import java.util.List;

/**
 * One message of a chat-completions request.
 *
 * @param role {@code system}, {@code developer}, {@code user}, {@code assistant} or {@code tool}
 * @param content the text (parts joined), or null (an assistant message with only tool calls)
 * @param toolCalls the calls of an assistant message, else empty
 * @param toolCallId the call a {@code tool} message answers, else null
 * @param name the optional {@code name} field
 */
public record OpenAiMessage(
    String role, String content, List<OpenAiToolCall> toolCalls, String toolCallId, String name) {

  public OpenAiMessage {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  public boolean isSystem() {
    return "system".equals(role) || "developer".equals(role);
  }

  public boolean isUser() {
    return "user".equals(role);
  }

  public boolean isAssistant() {
    return "assistant".equals(role);
  }

  public boolean isTool() {
    return "tool".equals(role);
  }
}
