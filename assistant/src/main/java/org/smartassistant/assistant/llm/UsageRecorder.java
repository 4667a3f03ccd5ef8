package org.smartassistant.assistant.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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
 * assistant.llm.cost}; tags {@code provider}, {@code model}). An answered turn hands its {@link
 * #lines} to the request that stores its history (one request, replayed without adding them twice);
 * the usage of a turn that failed or stored nothing is {@link #record}ed on its own, best effort: a
 * rest-service that cannot take it is logged and counted ({@code assistant.usage.unrecorded}), not
 * retried, which would ask the model again.
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
    List<RecordUsageRequest> lines = lines(usage);
    counted(lines);
    for (RecordUsageRequest line : lines) {
      try {
        rest.recordUsage(userId, line);
      } catch (RuntimeException e) {
        log.warn(
            "usage of user {} ({} {}: {} + {} tokens) not recorded: {}",
            userId,
            line.provider().name().toLowerCase(Locale.ROOT),
            line.model(),
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

  /**
   * The usage as the lines rest-service adds to the user's day, priced; for a request that records
   * them itself (a turn's history batch), after which {@link #counted} counts them.
   */
  public List<RecordUsageRequest> lines(TurnUsage usage) {
    List<RecordUsageRequest> lines = new ArrayList<>();
    for (TurnUsage.Line line : usage.lines()) {
      TurnUsage.Model model = line.model();
      lines.add(
          new RecordUsageRequest(
              model.assistantId(),
              model.provider(),
              String.valueOf(model.model()),
              (int) Math.max(1, line.calls()),
              line.promptTokens(),
              line.completionTokens(),
              prices.cost(model.model(), line.promptTokens(), line.completionTokens()),
              clock.instant()));
    }
    return lines;
  }

  /** Counts the lines in the meters, once they are recorded (or handed to rest-service). */
  public void counted(List<RecordUsageRequest> lines) {
    for (RecordUsageRequest line : lines) {
      String provider = line.provider().name().toLowerCase(Locale.ROOT);
      tokens(provider, line.model(), "prompt").increment(line.promptTokens());
      tokens(provider, line.model(), "completion").increment(line.completionTokens());
      Counter.builder("assistant.llm.cost")
          .description("What the models' tokens cost, from the price table")
          .tag("provider", provider)
          .tag("model", line.model())
          .register(meters)
          .increment(line.cost().doubleValue());
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
