package org.smartassistant.assistant.llm;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What one user may cost ({@code smart.limits.*}).
 *
 * @param messagesPerMinute messages a user may send per minute (shared by all instances); further
 *     messages of that minute are not answered, and the user is told once to slow down
 * @param maxModelCallsPerMessage model requests for one message, counted over the tool rounds and
 *     all delegations to sub-assistants; the last one is asked for a final answer
 * @param messageDeadline wall clock for one message; past it no model or tool call starts
 * @param dailyTokens tokens (prompt and completion) one user may use per day (UTC); 0: no limit
 * @param dailyCost what one user's model calls may cost per day (UTC), in the currency of {@code
 *     smart.llm.prices}; 0: no limit
 */
@Validated
@ConfigurationProperties("smart.limits")
public record LimitProperties(
    @DefaultValue("20") @Min(1) int messagesPerMinute,
    @DefaultValue("12") @Min(1) int maxModelCallsPerMessage,
    @DefaultValue("120s") @NotNull Duration messageDeadline,
    @DefaultValue("0") @Min(0) long dailyTokens,
    @DefaultValue("0") @NotNull @DecimalMin("0") BigDecimal dailyCost) {

  /** Whether a daily budget applies. */
  public boolean dailyBudget() {
    return dailyTokens > 0 || dailyCost.signum() > 0;
  }
}
