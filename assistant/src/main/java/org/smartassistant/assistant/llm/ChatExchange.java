package org.smartassistant.assistant.llm;

import java.util.List;
import java.util.Map;
import org.smartassistant.common.api.AssistantDto;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.tool.ToolCallback;

/**
 * What one exchange with an assistant's model is sent ({@link AssistantChat#call(ChatExchange)}):
 * built once per turn, so a reply that is streamed would send the same.
 *
 * @param assistant whose model answers
 * @param system the system prompt
 * @param messages earlier messages, oldest first, followed by the new one
 * @param tools the tools the model may call (none: an empty list)
 * @param toolContext what the tools learn about the user; never sent to the model
 * @param budget the model calls and time left, shared with the delegations the tools make
 */
public record ChatExchange(
    AssistantDto assistant,
    String system,
    List<Message> messages,
    List<ToolCallback> tools,
    Map<String, Object> toolContext,
    TurnBudget budget) {}
