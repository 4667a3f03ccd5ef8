package org.smartassistant.assistant.llm;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.springframework.ai.chat.model.ToolContext;

/**
 * What is left for answering one message: model calls and time. One budget per message, shared by
 * the secretary's tool rounds and every sub-assistant it delegates to (it travels in the {@link
 * ToolContext}), so delegation cannot multiply the cost.
 *
 * <p>Every running exchange with a model {@linkplain #reserve() reserves} one call for its final
 * answer when it starts; its other calls are {@linkplain #take() taken} from what no one has
 * reserved. When nothing is left to take, the exchange makes its reserved call, asking for the
 * final answer. A delegation that cannot reserve a call does not start. So every exchange can still
 * answer, and the calls of one message never exceed the limit.
 */
public final class TurnBudget {

  /** Context entry: the budget of the message being answered. */
  public static final String CONTEXT_KEY = "turnBudget";

  /** What ran out. */
  public enum Limit {
    MODEL_CALLS("model_calls"),
    DEADLINE("deadline");

    private final String tag;

    Limit(String tag) {
      this.tag = tag;
    }

    /** The value of the {@code limit} tag of {@code assistant.limits.reached}. */
    public String tag() {
      return tag;
    }
  }

  private final AtomicInteger unreserved;
  private final AtomicInteger calls = new AtomicInteger();
  private final long deadlineNanos;
  private final Set<Limit> reached = ConcurrentHashMap.newKeySet();
  private final Consumer<Limit> onReached;
  private final TurnUsage usage = new TurnUsage();

  TurnBudget(int maxModelCalls, java.time.Duration deadline, Consumer<Limit> onReached) {
    this.unreserved = new AtomicInteger(maxModelCalls);
    this.deadlineNanos = System.nanoTime() + deadline.toNanos();
    this.onReached = onReached;
  }

  /** The budget carried in a tool context, or null. */
  public static TurnBudget from(ToolContext context) {
    Map<String, Object> values = context == null ? Map.of() : context.getContext();
    return values.get(CONTEXT_KEY) instanceof TurnBudget budget ? budget : null;
  }

  /** Puts this budget into the tool context of the next exchange. */
  public void into(Map<String, Object> context) {
    context.put(CONTEXT_KEY, this);
  }

  /** Reserves the final call of an exchange that starts; false when none is left. */
  boolean reserve() {
    boolean reserved = decrementIfPositive(unreserved);
    if (!reserved) {
      reached(Limit.MODEL_CALLS);
    }
    return reserved;
  }

  /** Takes a call that is not anyone's final one; false when only reserved calls are left. */
  boolean take() {
    if (decrementIfPositive(unreserved)) {
      calls.incrementAndGet();
      return true;
    }
    return false;
  }

  /** Makes the reserved call of an exchange. */
  void spendReserved() {
    calls.incrementAndGet();
  }

  /** Gives back the reserved call of an exchange that ended without it. */
  void release() {
    unreserved.incrementAndGet();
  }

  /** True when no exchange could start any more. */
  public boolean spent() {
    return unreserved.get() <= 0;
  }

  /** True when the message's time is up (and counted as reached the first time). */
  public boolean expired() {
    if (System.nanoTime() - deadlineNanos >= 0) {
      reached(Limit.DEADLINE);
      return true;
    }
    return false;
  }

  /** The time left until the message's deadline; zero or negative when it has passed. */
  public java.time.Duration remaining() {
    return java.time.Duration.ofNanos(deadlineNanos - System.nanoTime());
  }

  /** The tokens the models reported for this message so far. */
  public TurnUsage usage() {
    return usage;
  }

  /** Model calls made so far. */
  public int modelCalls() {
    return calls.get();
  }

  /** Counts the limit as reached for this message, the first time only. */
  public void reached(Limit limit) {
    if (reached.add(limit)) {
      onReached.accept(limit);
    }
  }

  private static boolean decrementIfPositive(AtomicInteger counter) {
    while (true) {
      int left = counter.get();
      if (left <= 0) {
        return false;
      }
      if (counter.compareAndSet(left, left - 1)) {
        return true;
      }
    }
  }
}
