package org.smartassistant.assistant.conversation;

import org.smartassistant.common.api.MessageRole;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.UserMessage;

/** One message of the conversation window: what the user said or what the assistant answered. */
public record HistoryMessage(MessageRole role, String content) {

  public static HistoryMessage user(String content) {
    return new HistoryMessage(MessageRole.USER, content);
  }

  public static HistoryMessage assistant(String content) {
    return new HistoryMessage(MessageRole.ASSISTANT, content);
  }

  /** As Spring AI message for the model. */
  Message toMessage() {
    return role == MessageRole.USER ? new UserMessage(content) : new AssistantMessage(content);
  }
}
