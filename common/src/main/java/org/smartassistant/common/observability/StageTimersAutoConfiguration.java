package org.smartassistant.common.observability;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Percentile histograms for the timers that together make up the way of a message through the
 * services (docs/operations.md, "Where the time goes"): the suite's own ({@code smart.*}: Telegram
 * update, stream publish, wait and handling), the HTTP calls between services (client and server
 * side) and the model calls of Spring AI. From them {@code /actuator/prometheus} gives p50 and p99
 * of every stage, and {@code ./manage.sh bench} its breakdown.
 */
@AutoConfiguration
public class StageTimersAutoConfiguration {

  static final List<String> STAGE_TIMERS =
      List.of(
          "smart.",
          "http.client.requests",
          "http.server.requests",
          "gen_ai.client.operation",
          "spring.ai.");

  @Bean
  MeterFilter stageTimerHistograms() {
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(
          Meter.Id id, DistributionStatisticConfig config) {
        if (id.getType() != Meter.Type.TIMER
            || STAGE_TIMERS.stream().noneMatch(id.getName()::startsWith)) {
          return config;
        }
        return DistributionStatisticConfig.builder()
            .percentilesHistogram(true)
            .build()
            .merge(config);
      }
    };
  }
}
