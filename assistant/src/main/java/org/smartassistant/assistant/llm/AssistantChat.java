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

  /** The answer when a limit ended the message before the model wrote any text. */
  public static final String STOPPED =
      "I'm sorry, this took more work than I can spend on one message, so I stopped before"
          + " finishing. Please ask again, perhaps in smaller steps.";

  private final ChatModels models;
  private final MeterRegistry meters;
  private final TurnLimits limits;

  AssistantChat(ChatModels models, MeterRegistry meters, TurnLimits limits) {
    this.models = models;
    this.meters = meters;
    this.limits = limits;
  }

  /** One exchange with a budget of its own: for notices and summaries, one message each. */
  public String call(
      AssistantDto assistant,
      String system,
      List<Message> history,
      List<ToolCallback> tools,
      Map<String, Object> toolContext) {
    return call(assistant, system, history, tools, toolContext, limits.newTurn());
  }

  /** One exchange as a turn prepared it. */
  public String call(ChatExchange exchange) {
    return call(
        exchange.assistant(),
        exchange.system(),
        exchange.messages(),
        exchange.tools(),
        exchange.toolContext(),
        exchange.budget());
  }

  /**
   * One exchange with the assistant's model.
   *
   * @param system the system prompt
   * @param history earlier messages, oldest first, followed by the new message(s)
   * @param tools the tools the model may call; they run with {@code toolContext}
   * @param toolContext what tools learn about the user; never sent to the model
   * @param budget the model calls and time left for the message, shared with the delegations the
   *     tools make; when it runs out, the exchange ends with the model's last text (else {@link
   *     #STOPPED})
   * @return the model's final text
   * @throws LlmCallException when the model failed or answered nothing, or no call was left
   */
  public String call(
      AssistantDto assistant,
      String system,
      List<Message> history,
      List<ToolCallback> tools,
      Map<String, Object> toolContext,
      TurnBudget budget) {
    ChatModels.ModelKey key = ChatModels.keyOf(assistant);
    if (!budget.reserve()) {
      throw new LlmCallException("no model call is left for this message", null);
    }
    TurnLimitAdvisor limit = new TurnLimitAdvisor(budget);
    Timer.Sample sample = Timer.start(meters);
    String outcome = "error";
    try {
      ChatClient.ChatClientRequestSpec request =
          models.clientFor(assistant).prompt().system(system).messages(history).advisors(limit);
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
      TurnLimitAdvisor.LimitReached reached = limitReachedIn(e);
      if (reached != null) {
        outcome = "limited";
        return reached.best() == null ? STOPPED : reached.best();
      }
      throw new LlmCallException(
          key.provider() + " model " + key.model() + " failed: " + e.getMessage(), e);
    } finally {
      if (limit.calls() == 0 && !"limited".equals(outcome)) {
        // a request outside the tool loop (no tool options): the reserved call was made
        budget.spendReserved();
      } else if (!limit.spentReserved()) {
        budget.release();
      }
      sample.stop(
          Timer.builder("assistant.llm.calls")
              .description("Calls of a language model, tool rounds included")
              .tag("provider", key.provider().name().toLowerCase(java.util.Locale.ROOT))
              .tag("model", String.valueOf(key.model()))
              .tag("outcome", outcome)
              .register(meters));
    }
  }

  private static TurnLimitAdvisor.LimitReached limitReachedIn(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof TurnLimitAdvisor.LimitReached reached) {
        return reached;
      }
    }
    return null;
  }
}
