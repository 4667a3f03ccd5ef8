package org.smartassistant.assistant.conversation;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.assistant.llm.TurnBudget;
import org.smartassistant.assistant.llm.UsageRecorder;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.RecordUsageRequest;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Keeps long conversations within the window without forgetting them: when the window overflows,
 * its older half is folded into the running summary by the assistant's own model. A failure leaves
 * the window as it is (tried again next turn); only a window twice the size is cut, so that a model
 * that keeps failing cannot make it grow without bound.
 */
@Component
public class Summarizer {

  static final String INSTRUCTIONS =
      """
      You keep the memory of a conversation between a user and their personal assistant. \
      Rewrite the summary so far and the messages that follow into one new summary for the \
      assistant: who the user is, facts and preferences they told, decisions, open requests and \
      promises, dates and times (with the time zone). Leave out small talk. Write at most 200 \
      words, in the language of the conversation, as plain notes without a preface.""";

  private static final Logger log = LoggerFactory.getLogger(Summarizer.class);

  private final AssistantChat chat;
  private final ConversationStore store;
  private final UsageRecorder usage;

  Summarizer(AssistantChat chat, ConversationStore store, UsageRecorder usage) {
    this.chat = chat;
    this.store = store;
    this.usage = usage;
  }

  /**
   * Compacts the conversation when it holds more than {@code window} messages; returns what is
   * kept.
   *
   * @param budget the model call it may make, and where the tokens it uses are added; they are
   *     recorded here, with the summary when it is kept
   */
  public Conversation compactIfLong(
      long userId,
      AssistantDto assistant,
      Conversation conversation,
      int window,
      TurnBudget budget) {
    List<HistoryMessage> messages = conversation.messages();
    if (!overflows(conversation, window)) {
      return conversation;
    }
    int keep = Math.max(1, window / 2);
    List<HistoryMessage> older = messages.subList(0, messages.size() - keep);
    List<HistoryMessage> recent = messages.subList(messages.size() - keep, messages.size());
    boolean costRecorded = false;
    try {
      String summary =
          chat.call(
              assistant,
              INSTRUCTIONS,
              List.of(new UserMessage(transcript(conversation.summary(), older))),
              List.of(),
              Map.of(),
              budget);
      Conversation compacted = new Conversation(summary.strip(), recent);
      // the summary and what it cost in one request, then the window
      List<RecordUsageRequest> cost = usage.lines(budget.usage());
      store.keepSummary(userId, assistant.id(), compacted.summary(), cost);
      usage.counted(cost);
      costRecorded = true;
      store.save(userId, compacted);
      return compacted;
    } catch (RuntimeException e) {
      log.warn("could not summarise the conversation of user {}: {}", userId, e.getMessage());
      if (!costRecorded) {
        // what the try cost (e.g. the model answered, the summary could not be kept), on its own
        usage.record(userId, budget.usage());
      }
      if (messages.size() > 2 * window) {
        Conversation cut =
            new Conversation(
                conversation.summary(),
                messages.subList(messages.size() - 2 * window, messages.size()));
        store.save(userId, cut);
        return cut;
      }
      return conversation;
    }
  }

  /** Whether the conversation holds more than {@code window} messages. */
  static boolean overflows(Conversation conversation, int window) {
    return conversation.messages().size() > window;
  }

  static String transcript(String summary, List<HistoryMessage> messages) {
    StringBuilder text = new StringBuilder();
    if (summary != null && !summary.isBlank()) {
      text.append("Summary so far:\n").append(summary.strip()).append("\n\n");
    }
    text.append("Messages that follow:\n");
    for (HistoryMessage message : messages) {
      text.append(message.role() == MessageRole.USER ? "User: " : "Assistant: ")
          .append(message.content())
          .append('\n');
    }
    return text.toString();
  }
}
