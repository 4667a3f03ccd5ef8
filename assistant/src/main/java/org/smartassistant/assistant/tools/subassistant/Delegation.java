package org.smartassistant.assistant.tools.subassistant;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.conversation.SystemPrompt;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.assistant.llm.LlmCallException;
import org.smartassistant.assistant.llm.TurnBudget;
import org.smartassistant.assistant.llm.TurnLimits;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.tools.ToolCatalog;
import org.smartassistant.assistant.tools.ToolTurn;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.UserDto;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One configured {@code sub_assistant} tool: the model gives a {@code task}; the named assistant
 * answers it with its own instructions, model, temperature and active tools, for the user of the
 * tool context and without the caller's conversation, and its text is the tool's result. A loop, a
 * too deep chain, a missing or inactive assistant, or its failing model are answered with a
 * sentence the caller's model can act on.
 */
final class Delegation implements ToolCallback {

  static final String DEFAULT_DESCRIPTION =
      "Asks another assistant to do a task and returns its answer. Give the whole task in one"
          + " message, with every detail it needs: it does not see this conversation.";

  private static final String INPUT_SCHEMA =
      """
      {"type":"object","properties":{"task":{"type":"string","description":\
      "The task, complete in itself: what to do, for whom, with all the details needed"}},\
      "required":["task"],"additionalProperties":false}""";

  private static final String ANSWER_YOURSELF =
      " Do the task yourself and answer with what you have.";

  static final String BUDGET_SPENT =
      "Delegation stopped: the budget of model calls for this message is spent." + ANSWER_YOURSELF;

  private final ToolDto tool;
  private final ToolDefinition definition;
  private final Runner runner;

  Delegation(ToolDto tool, Runner runner) {
    this.tool = tool;
    this.runner = runner;
    this.definition =
        ToolDefinition.builder()
            .name(tool.name())
            .description(DEFAULT_DESCRIPTION)
            .inputSchema(INPUT_SCHEMA)
            .build();
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return definition;
  }

  @Override
  public String call(String input) {
    return call(input, null);
  }

  @Override
  public String call(String input, ToolContext context) {
    return runner.run(tool, runner.taskOf(input), context);
  }

  /** What every delegation shares: the lookups, the models, the limits and the counters. */
  static final class Runner {

    private static final Logger log = LoggerFactory.getLogger(Delegation.class);

    private final SecretaryResolver assistants;
    private final Supplier<ToolCatalog> catalog;
    private final AssistantChat chat;
    private final SystemPrompt systemPrompt;
    private final DelegationProperties properties;
    private final JsonMapper json;
    private final MeterRegistry meters;
    private final TurnLimits limits;

    Runner(
        SecretaryResolver assistants,
        Supplier<ToolCatalog> catalog,
        AssistantChat chat,
        SystemPrompt systemPrompt,
        DelegationProperties properties,
        JsonMapper json,
        MeterRegistry meters,
        TurnLimits limits) {
      this.assistants = assistants;
      this.catalog = catalog;
      this.chat = chat;
      this.systemPrompt = systemPrompt;
      this.properties = properties;
      this.json = json;
      this.meters = meters;
      this.limits = limits;
    }

    String taskOf(String input) {
      if (input == null || input.isBlank()) {
        return null;
      }
      try {
        JsonNode task = json.readTree(input).get("task");
        return task == null || task.isNull() ? null : task.asString();
      } catch (JacksonException e) {
        return null;
      }
    }

    String run(ToolDto tool, String task, ToolContext context) {
      ToolUser user = ToolUser.from(context);
      UUID target = tool.subAssistantId();
      if (target == null) {
        return count(
            "unavailable", "This tool names no assistant to delegate to." + ANSWER_YOURSELF);
      }
      if (task == null || task.isBlank()) {
        return count("refused", "Say what the assistant should do: give the whole task as 'task'.");
      }
      DelegationChain chain = DelegationChain.of(context, user);
      if (chain.contains(target)) {
        return count("loop", loopStopped(chain, target));
      }
      if (chain.depth() >= properties.maxDepth()) {
        return count(
            "limit",
            "Delegation stopped: "
                + path(chain.then(target))
                + " would be more than "
                + properties.maxDepth()
                + " delegations for one message (limit "
                + properties.maxDepth()
                + ")."
                + ANSWER_YOURSELF);
      }
      AssistantDto assistant;
      try {
        assistant = assistants.assistant(target);
      } catch (HttpClientErrorException.NotFound e) {
        return count(
            "unavailable",
            "The assistant this tool delegates to no longer exists." + ANSWER_YOURSELF);
      }
      if (!Boolean.TRUE.equals(assistant.isActive())) {
        return count(
            "unavailable",
            assistant.name() + " is switched off and cannot take tasks now." + ANSWER_YOURSELF);
      }
      TurnBudget budget = TurnBudget.from(context);
      if (budget == null) {
        budget = limits.newTurn();
      } else if (budget.spent()) {
        budget.reached(TurnBudget.Limit.MODEL_CALLS);
        return count("budget", BUDGET_SPENT);
      }
      return delegate(assistant, task, user, chain.then(target), ToolTurn.nextKey(context), budget);
    }

    /**
     * {@code turnKey}: the delegating call's key, the turn of the delegated run's tools; {@code
     * budget}: the message's model calls and time, shared with the caller.
     */
    private String delegate(
        AssistantDto assistant,
        String task,
        ToolUser caller,
        DelegationChain chain,
        String turnKey,
        TurnBudget budget) {
      UserDto profile = assistants.user(caller.userId());
      ToolCatalog tools = catalog.get();
      ToolUser user = new ToolUser(caller.userId(), caller.chatId(), caller.zone(), assistant.id());
      Map<String, Object> context = tools.contextFor(user, turnKey);
      chain.into(context);
      budget.into(context);
      String system =
          systemPrompt.build(assistant, profile, caller.zone(), null)
              + "\n\n## Your task\nAnother assistant hands you a task for this user. Your answer"
              + " goes back to that assistant, which tells the user.";
      try {
        String answer =
            chat.call(
                assistant,
                system,
                List.of(new UserMessage(task)),
                tools.callbacksFor(assistants.activeToolsOf(assistant.id())),
                context,
                budget);
        return count("answered", answer);
      } catch (LlmCallException e) {
        log.warn("{} could not answer a delegated task: {}", assistant.name(), e.getMessage());
        return count("failed", assistant.name() + " could not answer just now." + ANSWER_YOURSELF);
      }
    }

    private String loopStopped(DelegationChain chain, UUID target) {
      List<UUID> ids = chain.assistantIds();
      int at = ids.indexOf(target);
      String circle = " (" + path(chain.then(target)) + ", limit " + properties.maxDepth() + ").";
      if (at == ids.size() - 1) {
        return "Delegation stopped: "
            + nameOf(target)
            + " would ask itself"
            + circle
            + ANSWER_YOURSELF;
      }
      return "Delegation stopped: "
          + nameOf(target)
          + " already asked "
          + nameOf(ids.get(at + 1))
          + " in this chain, so asking it again would go in a circle"
          + circle
          + ANSWER_YOURSELF;
    }

    private String path(DelegationChain chain) {
      return chain.assistantIds().stream().map(this::nameOf).collect(Collectors.joining(" → "));
    }

    /** The assistant's name for a sentence; its id when it cannot be read. */
    private String nameOf(UUID id) {
      try {
        return assistants.assistant(id).name();
      } catch (RuntimeException e) {
        return id.toString();
      }
    }

    private String count(String outcome, String result) {
      Counter.builder("assistant.delegations")
          .description("Tasks handed by one assistant to another, by outcome")
          .tag("outcome", outcome)
          .register(meters)
          .increment();
      return result;
    }
  }
}
