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
    String spent = spent(userId);
    if (spent != null) {
      limits.reached("daily_budget");
      throw new OverBudgetException(userId, spent, startOfNextDay());
    }
  }

  /** Whether the user may still call a model today; not counted as a limit reached. */
  public boolean allows(long userId) {
    return spent(userId) == null;
  }

  /** What the user has spent of the day's budget when it is used up, else null. */
  private String spent(long userId) {
    if (!properties.dailyBudget()) {
      return null;
    }
    LocalDate today = clock.instant().atOffset(ZoneOffset.UTC).toLocalDate();
    UsageDto usage = rest.usage(userId, today, today);
    if (properties.dailyTokens() > 0 && usage.totalTokens() >= properties.dailyTokens()) {
      return usage.totalTokens() + " of " + properties.dailyTokens() + " tokens";
    }
    if (properties.dailyCost().signum() > 0
        && usage.cost() != null
        && usage.cost().compareTo(properties.dailyCost()) >= 0) {
      return "cost " + usage.cost() + " of " + properties.dailyCost();
    }
    return null;
  }

  private Instant startOfNextDay() {
    return clock
        .instant()
        .atOffset(ZoneOffset.UTC)
        .toLocalDate()
        .plusDays(1)
        .atStartOfDay()
        .toInstant(ZoneOffset.UTC);
  }
}
