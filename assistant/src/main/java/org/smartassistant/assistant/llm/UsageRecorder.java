package org.smartassistant.assistant.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.springframework.stereotype.Component;

/**
 * Records what answering a message cost: per assistant and model, the calls, the tokens the models
 * reported and their cost from the {@link PriceTable}, added to the user's day in rest-service and
 * counted ({@code assistant.llm.tokens} by {@code type} prompt/completion, {@code
 * assistant.llm.cost}; tags {@code provider}, {@code model}). Best effort: the answer is given
 * already, so a rest-service that cannot take the usage is logged and counted ({@code
 * assistant.usage.unrecorded}), not retried, which would ask the model again.
 */
@Component
public class UsageRecorder {

  private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

  private final RestServiceClient rest;
  private final PriceTable prices;
  private final MeterRegistry meters;
  private final Clock clock;

  UsageRecorder(RestServiceClient rest, PriceTable prices, MeterRegistry meters, Clock clock) {
    this.rest = rest;
    this.prices = prices;
    this.meters = meters;
    this.clock = clock;
  }

  /** Records the usage of the user's message (nothing when no model answered). */
  public void record(long userId, TurnUsage usage) {
    for (TurnUsage.Line line : usage.lines()) {
      TurnUsage.Model model = line.model();
      BigDecimal cost = prices.cost(model.model(), line.promptTokens(), line.completionTokens());
      String provider = model.provider().name().toLowerCase(Locale.ROOT);
      String name = String.valueOf(model.model());
      tokens(provider, name, "prompt").increment(line.promptTokens());
      tokens(provider, name, "completion").increment(line.completionTokens());
      Counter.builder("assistant.llm.cost")
          .description("What the models' tokens cost, from the price table")
          .tag("provider", provider)
          .tag("model", name)
          .register(meters)
          .increment(cost.doubleValue());
      try {
        rest.recordUsage(
            userId,
            new RecordUsageRequest(
                model.assistantId(),
                model.provider(),
                name,
                (int) Math.max(1, line.calls()),
                line.promptTokens(),
                line.completionTokens(),
                cost,
                clock.instant()));
      } catch (RuntimeException e) {
        log.warn(
            "usage of user {} ({} {}: {} + {} tokens) not recorded: {}",
            userId,
            provider,
            name,
            line.promptTokens(),
            line.completionTokens(),
            e.toString());
        Counter.builder("assistant.usage.unrecorded")
            .description("Usage lines rest-service could not take")
            .register(meters)
            .increment();
      }
    }
  }

  private Counter tokens(String provider, String model, String type) {
    return Counter.builder("assistant.llm.tokens")
        .description("Tokens the models reported")
        .tag("provider", provider)
        .tag("model", model)
        .tag("type", type)
        .register(meters);
  }
}
