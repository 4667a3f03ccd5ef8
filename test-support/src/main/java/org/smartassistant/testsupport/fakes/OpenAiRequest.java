package org.smartassistant.testsupport.fakes;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A chat-completions request the fake received, parsed.
 *
 * @param model the requested model
 * @param messages the conversation as sent
 * @param tools the functions offered
 * @param stream whether the client asked for server-sent events
 * @param apiKey the bearer token of the Authorization header, or null
 * @param body the raw JSON body
 * @param receivedAt when it arrived
 */
public record OpenAiRequest(
    String model,
    List<OpenAiMessage> messages,
    List<OpenAiTool> tools,
    boolean stream,
    String apiKey,
    String body,
    Instant receivedAt) {

  public OpenAiRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  /** The system (and developer) messages joined by blank lines, or null when there are none. */
  public String systemPrompt() {
    List<String> parts =
        messages.stream()
            .filter(OpenAiMessage::isSystem)
            .map(OpenAiMessage::content)
            .filter(c -> c != null)
            .toList();
    return parts.isEmpty() ? null : String.join("\n\n", parts);
  }

  /** Whether the system prompt contains the text: a simple way to tell callers apart. */
  public boolean systemPromptContains(String text) {
    String prompt = systemPrompt();
    return prompt != null && prompt.contains(text);
  }

  /** The names of the functions offered. */
  public List<String> toolNames() {
    return tools.stream().map(OpenAiTool::name).toList();
  }

  /** The text of the last user message, or null. */
  public String lastUserText() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).isUser()) {
        return messages.get(i).content();
      }
    }
    return null;
  }

  /** The last user message, or null. */
  public OpenAiMessage lastUserMessage() {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i).isUser()) {
        return messages.get(i);
      }
    }
    return null;
  }

  /** The last message, which decides what the model is asked to do next. */
  public OpenAiMessage lastMessage() {
    return messages.isEmpty() ? null : messages.get(messages.size() - 1);
  }

  /** The tool results ({@code tool} messages) in the conversation, in order. */
  public List<OpenAiMessage> toolResults() {
    return messages.stream().filter(OpenAiMessage::isTool).toList();
  }

  /** The result the client sent for the call with this id. */
  public Optional<String> toolResult(String toolCallId) {
    return toolResults().stream()
        .filter(m -> toolCallId.equals(m.toolCallId()))
        .map(OpenAiMessage::content)
        .findFirst();
  }

  /** Whether the request ends with tool results, i.e. the model is to go on after calling tools. */
  public boolean answersToolCalls() {
    OpenAiMessage last = lastMessage();
    return last != null && last.isTool();
  }

  /** Roles and texts, one line each: for failure messages. */
  public String describe() {
    return messages.stream()
        .map(
            m ->
                m.role()
                    + ": "
                    + (m.content() == null ? "" : m.content())
                    + (m.toolCalls().isEmpty() ? "" : " " + m.toolCalls()))
        .collect(
            Collectors.joining(
                "\n    ", "model=" + model + " tools=" + toolNames() + "\n    ", ""));
  }
}
