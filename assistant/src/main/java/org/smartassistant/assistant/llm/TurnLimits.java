package org.smartassistant.assistant.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Hands out the {@link TurnBudget} of each message from {@link LimitProperties}, and counts the
 * limits reached ({@code assistant.limits.reached}, tag {@code limit}), once per message and limit.
 */
@Component
public class TurnLimits {

  private final LimitProperties properties;
  private final MeterRegistry meters;

  TurnLimits(LimitProperties properties, MeterRegistry meters) {
    this.properties = properties;
    this.meters = meters;
  }

  /** A fresh budget for one message, its clock starting now. */
  public TurnBudget newTurn() {
    return new TurnBudget(
        properties.maxModelCallsPerMessage(),
        properties.messageDeadline(),
        limit -> reached(limit.tag()));
  }

  /** Counts a limit reached, e.g. {@code messages_per_minute}. */
  public void reached(String limit) {
    Counter.builder("assistant.limits.reached")
        .description("Limits of what one user may cost that were reached, once per message")
        .tag("limit", limit)
        .register(meters)
        .increment();
  }
}
