package org.smartassistant.assistant.llm;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UsageDto;
import org.springframework.stereotype.Component;

/**
 * The per-user daily budget of the models ({@code smart.limits.daily-tokens}, {@code daily-cost}):
 * before a turn asks a model, the user's usage of the day (UTC) is read from rest-service, and a
 * user who has used the tokens or the cost of the day gets no model call until the next day ({@code
 * limit=daily_budget}). Off (no request) when neither limit is set.
 */
@Component
public class DailyBudget {

  private final LimitProperties properties;
  private final RestServiceClient rest;
  private final TurnLimits limits;
  private final Clock clock;

  DailyBudget(LimitProperties properties, RestServiceClient rest, TurnLimits limits, Clock clock) {
    this.properties = properties;
    this.rest = rest;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * Passes when the user may still call a model today.
   *
   * @throws OverBudgetException when the day's tokens or cost are used up (counted once per call)
   */
  public void check(long userId) {
    if (!properties.dailyBudget()) {
      return;
    }
    Instant now = clock.instant();
    LocalDate today = now.atOffset(ZoneOffset.UTC).toLocalDate();
    UsageDto usage = rest.usage(userId, today, today);
    String spent = null;
    if (properties.dailyTokens() > 0 && usage.totalTokens() >= properties.dailyTokens()) {
      spent = usage.totalTokens() + " of " + properties.dailyTokens() + " tokens";
    } else if (properties.dailyCost().signum() > 0
        && usage.cost() != null
        && usage.cost().compareTo(properties.dailyCost()) >= 0) {
      spent = "cost " + usage.cost() + " of " + properties.dailyCost();
    }
    if (spent != null) {
      limits.reached("daily_budget");
      throw new OverBudgetException(
          userId, spent, today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }
  }
}
