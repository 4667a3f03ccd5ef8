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
 * @param imageUrls the {@code image_url} parts of a user message (URLs or {@code data:} URLs with
 *     the base64 image), in order, else empty
 */
public record OpenAiMessage(
    String role,
    String content,
    List<OpenAiToolCall> toolCalls,
    String toolCallId,
    String name,
    List<String> imageUrls) {

  public OpenAiMessage {
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    imageUrls = imageUrls == null ? List.of() : List.copyOf(imageUrls);
  }

  /** A message without images. */
  public OpenAiMessage(
      String role, String content, List<OpenAiToolCall> toolCalls, String toolCallId, String name) {
    this(role, content, toolCalls, toolCallId, name, List.of());
  }

  /** The images of {@link #imageUrls} given inline as {@code data:} URLs, decoded, in order. */
  public List<byte[]> inlineImages() {
    return imageUrls.stream()
        .filter(url -> url != null && url.startsWith("data:") && url.contains(";base64,"))
        .map(url -> java.util.Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)))
        .toList();
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
