package org.smartassistant.assistant.conversation;

import java.util.ArrayList;
import java.util.List;
import org.springframework.ai.chat.messages.Message;

/**
 * What the model is told of a user's conversation: a running summary of the older turns (null while
 * there is none) and the window of recent messages, oldest first.
 */
public record Conversation(String summary, List<HistoryMessage> messages) {

  public static final Conversation EMPTY = new Conversation(null, List.of());

  public Conversation {
    messages = messages == null ? List.of() : List.copyOf(messages);
  }

  public Conversation plus(List<HistoryMessage> more) {
    List<HistoryMessage> all = new ArrayList<>(messages);
    all.addAll(more);
    return new Conversation(summary, all);
  }

  /** The window as messages for the model, followed by {@code next}. */
  public List<Message> toMessages(Message next) {
    List<Message> all = new ArrayList<>(messages.size() + 1);
    messages.forEach(message -> all.add(message.toMessage()));
    all.add(next);
    return all;
  }
}
