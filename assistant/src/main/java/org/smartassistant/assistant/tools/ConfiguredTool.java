package org.smartassistant.assistant.tools;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.smartassistant.assistant.llm.TurnBudget;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.ai.tool.metadata.ToolMetadata;

/**
 * A tool as one assistant offers it: the configured name and description around its family's
 * implementation. Every call is counted ({@code assistant.tool.calls}), refused without a user in
 * the context or beyond the message's budget, and a failure is handed back to the model as a
 * sentence (Spring AI's exception processor) rather than failing the whole answer.
 */
final class ConfiguredTool implements ToolCallback {

  /** Context entry: the calls left for the message being answered. */
  static final String BUDGET = "toolBudget";

  static final String NO_USER = "This tool cannot be used here: no user is known.";
  static final String BUDGET_SPENT =
      "No more tool calls are allowed for this message. Answer the user now with what you have.";
  static final String OUT_OF_TIME =
      "No time is left for this message, so this tool was not run. Answer the user now with what"
          + " you have.";

  private final ToolDefinition definition;
  private final ToolCallback implementation;
  private final Counter succeeded;
  private final Counter failed;
  private final Counter refused;
  private final boolean privateOnly;

  ConfiguredTool(ToolDto tool, ToolCallback implementation, MeterRegistry meters) {
    this(
        ToolDefinition.builder()
            .name(tool.name())
            .description(
                tool.description() == null || tool.description().isBlank()
                    ? implementation.getToolDefinition().description()
                    : tool.description())
            .inputSchema(implementation.getToolDefinition().inputSchema())
            .build(),
        tool.type(),
        implementation,
        meters);
  }

  /**
   * One of the several model tools a configured tool of {@code type} stands for, as it names it.
   */
  ConfiguredTool(ToolType type, ToolCallback named, MeterRegistry meters) {
    this(named.getToolDefinition(), type, named, meters);
  }

  private ConfiguredTool(
      ToolDefinition definition,
      ToolType toolType,
      ToolCallback implementation,
      MeterRegistry meters) {
    this.definition = definition;
    this.implementation = implementation;
    this.privateOnly = PrivateChatTools.privateOnly(toolType);
    String type = toolType.name().toLowerCase(Locale.ROOT);
    this.succeeded = counter(meters, type, "success");
    this.failed = counter(meters, type, "error");
    this.refused = counter(meters, type, "refused");
  }

  private static Counter counter(MeterRegistry meters, String type, String outcome) {
    return Counter.builder("assistant.tool.calls")
        .description("Tool calls made by the models")
        .tag("type", type)
        .tag("outcome", outcome)
        .register(meters);
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return definition;
  }

  @Override
  public ToolMetadata getToolMetadata() {
    return implementation.getToolMetadata();
  }

  @Override
  public String call(String input) {
    return call(input, null);
  }

  @Override
  public String call(String input, ToolContext context) {
    ToolUser user;
    try {
      user = ToolUser.from(context);
    } catch (IllegalStateException e) {
      refused.increment();
      return NO_USER;
    }
    if (privateOnly && user.inGroupChat()) {
      refused.increment();
      return PrivateChatTools.ASK_IN_PRIVATE;
    }
    TurnBudget turn = TurnBudget.from(context);
    if (turn != null && turn.expired()) {
      refused.increment();
      return OUT_OF_TIME;
    }
    if (context.getContext().get(BUDGET) instanceof AtomicInteger budget
        && budget.getAndDecrement() <= 0) {
      refused.increment();
      return BUDGET_SPENT;
    }
    try {
      String result = implementation.call(input, context);
      succeeded.increment();
      return result;
    } catch (ToolExecutionException e) {
      failed.increment();
      throw e;
    } catch (RuntimeException e) {
      failed.increment();
      throw new ToolExecutionException(definition, e);
    }
  }
}
