package org.smartassistant.assistant.tools.subassistant;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.assistant.tools.ToolUser;
import org.springframework.ai.chat.model.ToolContext;

/**
 * The assistants working on one message, from the secretary the user talks to down to the one now
 * calling a tool. It travels in the {@link ToolContext} of each delegated run (never through the
 * model), so a loop or a too deep delegation is seen before any model is asked.
 *
 * @param assistantIds oldest first; the last one is the caller
 */
record DelegationChain(List<UUID> assistantIds) {

  /** Context entry: the chain as a list of assistant ids, oldest first. */
  static final String CONTEXT_KEY = "delegationChain";

  /** Context entry: how many delegations led to the assistant that runs (0 for the secretary). */
  static final String DEPTH_KEY = "delegationDepth";

  DelegationChain {
    assistantIds = List.copyOf(assistantIds);
  }

  /**
   * The chain of the tool call: the one carried in the context, else just the calling assistant.
   */
  static DelegationChain of(ToolContext context, ToolUser caller) {
    Map<String, Object> values = context == null ? Map.of() : context.getContext();
    if (values.get(CONTEXT_KEY) instanceof List<?> carried) {
      List<UUID> ids = new ArrayList<>();
      for (Object id : carried) {
        if (id instanceof UUID uuid) {
          ids.add(uuid);
        }
      }
      return new DelegationChain(ids);
    }
    return new DelegationChain(
        caller.assistantId() == null ? List.of() : List.of(caller.assistantId()));
  }

  /** Delegations made so far: 0 while the secretary itself runs. */
  int depth() {
    return Math.max(0, assistantIds.size() - 1);
  }

  boolean contains(UUID assistantId) {
    return assistantIds.contains(assistantId);
  }

  DelegationChain then(UUID assistantId) {
    List<UUID> longer = new ArrayList<>(assistantIds);
    longer.add(assistantId);
    return new DelegationChain(longer);
  }

  /** Writes this chain into the tool context of the next run. */
  void into(Map<String, Object> context) {
    context.put(CONTEXT_KEY, assistantIds);
    context.put(DEPTH_KEY, depth());
  }
}
