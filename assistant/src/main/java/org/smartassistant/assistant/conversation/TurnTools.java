package org.smartassistant.assistant.conversation;

import java.util.List;
import java.util.Map;
import org.smartassistant.assistant.llm.TurnBudget;
import org.springframework.ai.tool.ToolCallback;

/**
 * The tools a secretary may use in a turn. Implemented by the {@code tools} package, which knows
 * the conversation; the conversation knows only this.
 */
public interface TurnTools {

  /**
   * The secretary's tools for the turn, and the context they run in: the turn's user, chat, zone
   * and secretary, the turn's id as the key of the calls that create something, and {@code budget}.
   */
  Offer offer(SecretaryTurn turn, TurnBudget budget);

  /** Tools offered to the model, and their context. */
  record Offer(List<ToolCallback> callbacks, Map<String, Object> context) {}
}
