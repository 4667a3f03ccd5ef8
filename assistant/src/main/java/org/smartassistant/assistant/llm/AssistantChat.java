package org.smartassistant.assistant.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AssistantDto;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.stereotype.Component;

/**
 * The one place the assistant's models are called: through Spring AI's {@link ChatClient}, which
 * runs the tool calls the model asks for, timed per provider, model and outcome ({@code
 * assistant.llm.calls}), each model behind its circuit breaker ({@link ModelBreakers}). When the
 * assistant's model is unavailable on the first request of an exchange (after the SDK's retries) or
 * its circuit is open, the fallback model ({@code smart.llm.fallback}) answers the exchange from
 * the start ({@code assistant.llm.fallbacks}); a failure later in a tool loop, after tools ran, is
 * left to the inbox's retry, which starts the turn afresh. The tokens every response reports are
 * added to the message's {@link TurnUsage}. An exchange may be {@linkplain #stream streamed}: the
 * same exchange, with the text passed on while the model writes it.
 */
@Component
public class AssistantChat {

  /** The answer when a limit ended the message before the model wrote any text. */
  public static final String STOPPED =
      "I'm sorry, this took more work than I can spend on one message, so I stopped before"
          + " finishing. Please ask again, perhaps in smaller steps.";

  private static final Logger log = LoggerFactory.getLogger(AssistantChat.class);

  private final ChatModels models;
  private final MeterRegistry meters;
  private final TurnLimits limits;
  private final ModelBreakers breakers;
  private final LlmProperties llm;

  AssistantChat(
      ChatModels models,
      MeterRegistry meters,
      TurnLimits limits,
      ModelBreakers breakers,
      LlmProperties llm) {
    this.models = models;
    this.meters = meters;
    this.limits = limits;
    this.breakers = breakers;
    this.llm = llm;
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

  /**
   * One exchange with the assistant's model, or with the fallback model when the assistant's one is
   * unavailable.
   *
   * @param system the system prompt
   * @param history earlier messages, oldest first, followed by the new message(s)
   * @param tools the tools the model may call; they run with {@code toolContext}
   * @param toolContext what tools learn about the user; never sent to the model
   * @param budget the model calls and time left for the message, shared with the delegations the
   *     tools make; when it runs out, the exchange ends with the model's last text (else {@link
   *     #STOPPED}); the tokens the models report are added to its {@link TurnUsage}
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
    return call(new ChatExchange(assistant, system, history, tools, toolContext, budget));
  }

  /** One exchange as a turn prepared it; see the other {@code call}. */
  public String call(ChatExchange exchange) {
    return answer(exchange, null);
  }

  /**
   * As {@link #call(ChatExchange)}, the model streaming its answer: {@code partial} receives the
   * text of the round being written after every chunk that added to it (on the calling thread; a
   * tool round's text is followed by the next round's, from its start). The result is the same
   * final text a call would give. Each request of the exchange may wait for its first chunk, and
   * between two chunks, at most {@code smart.llm.timeout} ({@link RequestIdleBound}); the tools
   * that run between two requests are not counted in that wait.
   */
  public String stream(ChatExchange exchange, Consumer<String> partial) {
    return answer(exchange, partial);
  }

  private String answer(ChatExchange exchange, Consumer<String> partial) {
    AssistantDto assistant = exchange.assistant();
    ChatModels.ModelKey primary = ChatModels.keyOf(assistant);
    ChatModels.ModelKey fallback = models.fallbackOf(primary);
    try {
      return attempt(exchange, primary, partial);
    } catch (ModelUnavailable e) {
      if (fallback == null) {
        throw e;
      }
      log.warn(
          "{}; the fallback model {} answers for assistant {}",
          e.getMessage(),
          ModelBreakers.nameOf(fallback),
          assistant.id());
      Counter.builder("assistant.llm.fallbacks")
          .description("Exchanges answered by the fallback model because the assistant's failed")
          .tag("from", ModelBreakers.nameOf(primary))
          .tag("to", ModelBreakers.nameOf(fallback))
          .register(meters)
          .increment();
      return attempt(exchange, fallback, partial);
    }
  }

  /**
   * The exchange with one model, through its circuit breaker.
   *
   * @throws ModelUnavailable when the model's circuit is open, or its first request failed because
   *     the provider is unavailable: nothing happened yet, another model may answer from the start
   */
  private String attempt(ChatExchange exchange, ChatModels.ModelKey key, Consumer<String> partial) {
    TurnBudget budget = exchange.budget();
    if (!budget.reserve()) {
      throw new LlmCallException("no model call is left for this message", null);
    }
    String name = ModelBreakers.nameOf(key);
    CircuitBreaker breaker = breakers.of(key);
    if (!breaker.tryAcquirePermission()) {
      budget.release();
      timer(key, "rejected").record(java.time.Duration.ZERO);
      throw new ModelUnavailable(name + " is not called: its circuit is open", null);
    }
    TurnUsage.Model model =
        new TurnUsage.Model(
            exchange.assistant().id(),
            key.provider(),
            key.model() == null ? "default" : key.model());
    TurnLimitAdvisor limit = new TurnLimitAdvisor(budget, model);
    Timer.Sample sample = Timer.start(meters);
    long started = System.nanoTime();
    String outcome = "error";
    try {
      ChatClient.ChatClientRequestSpec request =
          models
              .clientFor(key)
              .prompt()
              .system(exchange.system())
              .messages(exchange.messages())
              .advisors(limit, new RequestIdleBound(llm.timeout()));
      if (!exchange.tools().isEmpty()) {
        request = request.toolCallbacks(exchange.tools()).toolContext(exchange.toolContext());
      }
      ModelReply reply =
          partial == null
              ? ModelReply.called(request)
              : ModelReply.streamed(request, limit, partial);
      breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      if (limit.calls() == 0) {
        // outside the tool loop the advisor saw no response
        budget.usage().add(model, reply.usage());
      }
      String answer = reply.text();
      if (answer == null || answer.isBlank()) {
        outcome = "empty";
        throw new LlmCallException(name + " answered with no text", null);
      }
      outcome = "success";
      return answer;
    } catch (LlmCallException e) {
      throw e;
    } catch (RuntimeException e) {
      TurnLimitAdvisor.LimitReached reached = limitReachedIn(e);
      if (reached != null) {
        breaker.onSuccess(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        outcome = "limited";
        return reached.best() == null ? STOPPED : reached.best();
      }
      breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, e);
      String message = name + " failed: " + e.getMessage();
      if (limit.calls() <= 1 && ModelFailures.unavailable(e)) {
        throw new ModelUnavailable(message, e);
      }
      throw new LlmCallException(message, e);
    } finally {
      if (limit.calls() == 0 && !"limited".equals(outcome)) {
        // a request outside the tool loop (no tool options): the reserved call was made
        budget.spendReserved();
      } else if (!limit.spentReserved()) {
        budget.release();
      }
      sample.stop(timer(key, outcome));
    }
  }

  private Timer timer(ChatModels.ModelKey key, String outcome) {
    return Timer.builder("assistant.llm.calls")
        .description("Calls of a language model, tool rounds included")
        .tag("provider", key.provider().name().toLowerCase(Locale.ROOT))
        .tag("model", String.valueOf(key.model()))
        .tag("outcome", outcome)
        .register(meters);
  }

  /** The model could not be reached and nothing happened in the exchange yet. */
  static final class ModelUnavailable extends LlmCallException {
    ModelUnavailable(String message, Throwable cause) {
      super(message, cause);
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
