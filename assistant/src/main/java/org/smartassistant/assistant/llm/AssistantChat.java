package org.smartassistant.assistant.llm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import org.smartassistant.common.api.AssistantDto;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Component;

/**
 * The one place the assistant's models are called: through Spring AI's {@link ChatClient}, which
 * runs the tool calls the model asks for, timed per provider, model and outcome ({@code
 * assistant.llm.calls}).
 */
@Component
public class AssistantChat {

  private final ChatModels models;
  private final MeterRegistry meters;

  AssistantChat(ChatModels models, MeterRegistry meters) {
    this.models = models;
    this.meters = meters;
  }

  /**
   * One exchange with the assistant's model.
   *
   * @param system the system prompt
   * @param history earlier messages, oldest first, followed by the new message(s)
   * @param tools the tools the model may call; they run with {@code toolContext}
   * @param toolContext what tools learn about the user; never sent to the model
   * @return the model's final text
   * @throws LlmCallException when the model failed or answered nothing
   */
  public String call(
      AssistantDto assistant,
      String system,
      List<Message> history,
      List<ToolCallback> tools,
      Map<String, Object> toolContext) {
    ChatModels.ModelKey key = ChatModels.keyOf(assistant);
    Timer.Sample sample = Timer.start(meters);
    String outcome = "error";
    try {
      ChatClient.ChatClientRequestSpec request =
          models.clientFor(assistant).prompt().system(system).messages(history);
      if (!tools.isEmpty()) {
        request = request.toolCallbacks(tools).toolContext(toolContext);
      }
      String answer = request.call().content();
      if (answer == null || answer.isBlank()) {
        outcome = "empty";
        throw new LlmCallException(
            key.provider() + " model " + key.model() + " answered with no text", null);
      }
      outcome = "success";
      return answer;
    } catch (LlmCallException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new LlmCallException(
          key.provider() + " model " + key.model() + " failed: " + e.getMessage(), e);
    } finally {
      sample.stop(
          Timer.builder("assistant.llm.calls")
              .description("Calls of a language model, tool rounds included")
              .tag("provider", key.provider().name().toLowerCase(java.util.Locale.ROOT))
              .tag("model", String.valueOf(key.model()))
              .tag("outcome", outcome)
              .register(meters));
    }
  }
}
