package org.smartassistant.assistant.tools;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.ai.chat.model.ToolContext;

/**
 * The turn a tool call belongs to, carried in the {@link ToolContext}: the inbox envelope being
 * answered (for a delegated task: the key of the delegating call) and a counter of the calls with
 * side effects made in it. A tool that creates something sends {@code Idempotency-Key = <turn>:<n>}
 * (the n-th such call of the turn), so when the envelope is handled again after a crash and the
 * model asks for the same calls, they find what the first run created instead of creating it twice.
 * A sub-assistant's turn is {@code <turn>:<n>} of the delegating call, so its keys ({@code
 * <turn>:<n>:<m>}) never meet its caller's.
 */
public final class ToolTurn {

  /** Context entry: the turn's key. */
  static final String KEY = "turnKey";

  /** Context entry: the number of keys handed out in this turn. */
  static final String CALLS = "turnCalls";

  private ToolTurn() {}

  /** Marks the context as the turn {@code turnKey}; a null key leaves it without one. */
  static void into(Map<String, Object> context, String turnKey) {
    if (turnKey != null) {
      context.put(KEY, turnKey);
      context.put(CALLS, new AtomicInteger());
    }
  }

  /**
   * The idempotency key of the next call with side effects in this turn, or null when the call
   * belongs to no turn (it is then sent without a key).
   */
  public static String nextKey(ToolContext context) {
    Map<String, Object> values = context == null ? Map.of() : context.getContext();
    if (values.get(KEY) instanceof String turn
        && values.get(CALLS) instanceof AtomicInteger calls) {
      return turn + ":" + calls.getAndIncrement();
    }
    return null;
  }
}
