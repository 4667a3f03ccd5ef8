package org.smartassistant.assistant.tools.mcp;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.llm.TurnBudget;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * One allowed tool of an MCP server as the model is offered it: Spring AI's MCP callback, run for
 * at most the call timeout and never past the message's deadline, its result cut to the configured
 * size. A server that fails, is down or is slow gives the model one sentence saying so, so the turn
 * goes on and the user still gets an answer.
 */
final class McpToolCall implements ToolCallback {

  private static final Logger log = LoggerFactory.getLogger(McpToolCall.class);

  /** The prefix of Spring AI's exception for a result the server marked as an error. */
  private static final String ERROR_RESULT = "Error calling tool:";

  private final ToolCallback mcp;
  private final String serverName;
  private final Duration timeout;
  private final int maxResultChars;
  private final Runnable onUnreachable;

  McpToolCall(
      ToolCallback mcp, String serverName, McpProperties properties, Runnable onUnreachable) {
    this.mcp = mcp;
    this.serverName = serverName;
    this.timeout = properties.callTimeout();
    this.maxResultChars = properties.maxResultChars();
    this.onUnreachable = onUnreachable;
  }

  @Override
  public ToolDefinition getToolDefinition() {
    return mcp.getToolDefinition();
  }

  @Override
  public String call(String input) {
    return call(input, null);
  }

  @Override
  public String call(String input, ToolContext context) {
    Duration limit = limitFor(TurnBudget.from(context));
    String name = getToolDefinition().name();
    String result;
    try {
      // Reactor's bounded pool runs the blocking client; block(limit) gives up on it in time
      result =
          Mono.fromCallable(() -> mcp.call(input, context))
              .subscribeOn(Schedulers.boundedElastic())
              .block(limit);
    } catch (RuntimeException e) {
      return failure(name, e, limit);
    }
    return cap(result == null ? "" : result);
  }

  private Duration limitFor(TurnBudget budget) {
    if (budget == null) {
      return timeout;
    }
    Duration left = budget.remaining();
    return left.compareTo(timeout) < 0 ? Duration.ofMillis(Math.max(1, left.toMillis())) : timeout;
  }

  private String failure(String name, RuntimeException e, Duration limit) {
    String errorResult = errorResult(e);
    if (errorResult != null) {
      log.info("MCP tool {} of '{}' answered with an error", name, serverName);
      return cap("The tool " + name + " reported an error: " + errorResult);
    }
    onUnreachable.run();
    if (isTimeout(e)) {
      log.warn("MCP tool {} of '{}' gave no answer within {}", name, serverName, limit);
      return "The tool "
          + name
          + " did not answer in time (its server '"
          + serverName
          + "' is slow or down), so it could not be used. Tell the user it is unavailable"
          + " right now and answer without it.";
    }
    log.warn("MCP tool {} of '{}' failed: {}", name, serverName, e.toString());
    return "The tool "
        + name
        + " is unavailable right now (its server '"
        + serverName
        + "' could not be reached), so it could not be used. Tell the user and answer without it.";
  }

  private static String errorResult(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IllegalStateException
          && t.getMessage() != null
          && t.getMessage().startsWith(ERROR_RESULT)) {
        return t.getMessage().substring(ERROR_RESULT.length()).trim();
      }
    }
    return null;
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.util.concurrent.TimeoutException
          || (t.getMessage() != null && t.getMessage().startsWith("Timeout on blocking read"))) {
        return true;
      }
    }
    return false;
  }

  private String cap(String result) {
    if (result.length() <= maxResultChars) {
      return result;
    }
    return result.substring(0, maxResultChars)
        + "\n[result cut: it had "
        + result.length()
        + " characters, only the first "
        + maxResultChars
        + " are shown]";
  }
}
