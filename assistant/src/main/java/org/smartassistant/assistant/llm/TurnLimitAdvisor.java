package org.smartassistant.assistant.llm;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.ToolCallingAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.model.tool.ToolCallingManager;

/**
 * Spring AI's tool loop held to the message's {@link TurnBudget}: every model request of the loop
 * is counted; when only the exchange's reserved call is left, the model is told to answer now, and
 * a model that still asks for tools then, or a loop past the deadline, ends with the last text the
 * model wrote ({@link LimitReached}). The tokens every response reports are added to the budget's
 * {@link TurnUsage}. The same holds for a streamed exchange, round by round (the response of a
 * streamed round is the one Spring AI aggregates from its chunks). One instance per exchange.
 */
final class TurnLimitAdvisor extends ToolCallingAdvisor {

  /** Added to the system prompt for the last call. */
  static final String LAST_CALL =
      "## Answer now\nNo more tool calls are possible for this message. Answer the user now, as"
          + " well as you can with what you already have.";

  private static final ToolCallingManager TOOLS = ToolCallingManager.builder().build();

  private final TurnBudget budget;
  private final TurnUsage.Model model;
  private int calls;
  private boolean finalCall;
  private String lastText;
  private Runnable onRound = () -> {};

  /**
   * @param model whose tokens the responses report, added to the budget's {@link TurnUsage}
   */
  TurnLimitAdvisor(TurnBudget budget, TurnUsage.Model model) {
    super(TOOLS, DEFAULT_TOOL_EXECUTION_ELIGIBILITY_CHECKER, DEFAULT_ORDER, true);
    this.budget = budget;
    this.model = model;
  }

  /** Requests this exchange sent through the loop. */
  int calls() {
    return calls;
  }

  /** Whether the exchange made its reserved call. */
  boolean spentReserved() {
    return finalCall;
  }

  /** Runs before every streamed round, so a listener can tell one round's text from the next. */
  TurnLimitAdvisor onEachStreamedRound(Runnable listener) {
    this.onRound = listener;
    return this;
  }

  @Override
  protected ChatClientRequest doBeforeStream(ChatClientRequest request, StreamAdvisorChain chain) {
    ChatClientRequest next = before(request);
    onRound.run();
    return next;
  }

  @Override
  protected ChatClientResponse doAfterStream(
      ChatClientResponse response, StreamAdvisorChain chain) {
    return after(response);
  }

  @Override
  protected ChatClientRequest doBeforeCall(ChatClientRequest request, CallAdvisorChain chain) {
    return before(request);
  }

  @Override
  protected ChatClientResponse doAfterCall(ChatClientResponse response, CallAdvisorChain chain) {
    return after(response);
  }

  private ChatClientRequest before(ChatClientRequest request) {
    if (finalCall || budget.expired()) {
      throw new LimitReached(lastText);
    }
    calls++;
    if (budget.take()) {
      return request;
    }
    finalCall = true;
    budget.spendReserved();
    budget.reached(TurnBudget.Limit.MODEL_CALLS);
    return request
        .mutate()
        .prompt(
            request
                .prompt()
                .augmentSystemMessage(
                    system -> system.mutate().text(system.getText() + "\n\n" + LAST_CALL).build()))
        .build();
  }

  private ChatClientResponse after(ChatClientResponse response) {
    ChatResponse answer = response.chatResponse();
    budget.usage().add(model, answer == null ? null : answer.getMetadata().getUsage());
    String text = textOf(answer);
    if (text != null && !text.isBlank()) {
      lastText = text;
    }
    if (answer != null
        && DEFAULT_TOOL_EXECUTION_ELIGIBILITY_CHECKER.isToolCallResponse(answer)
        && (finalCall || budget.expired())) {
      throw new LimitReached(lastText);
    }
    return response;
  }

  private static String textOf(ChatResponse response) {
    if (response == null) {
      return null;
    }
    Generation result = response.getResult();
    return result == null || result.getOutput() == null ? null : result.getOutput().getText();
  }

  /** The loop stopped by a limit; {@code best} is the last text the model wrote, if any. */
  static final class LimitReached extends RuntimeException {

    private final String best;

    LimitReached(String best) {
      super("the limits of this message are reached", null, false, false);
      this.best = best;
    }

    String best() {
      return best;
    }
  }
}
