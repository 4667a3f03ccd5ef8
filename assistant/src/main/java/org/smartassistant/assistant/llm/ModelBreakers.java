package org.smartassistant.assistant.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j circuit breaker per provider and model ({@code smart.llm.circuit-breaker}):
 * after {@code failures} exchanges in a row failed because the provider was unavailable ({@link
 * ModelFailures}), the model is not called for {@code openFor}, then one exchange tries it again.
 * Their state is in {@code resilience4j.circuitbreaker.state} (tags {@code name}, e.g. {@code
 * openai:gpt-4o}, and {@code state}).
 */
@Component
class ModelBreakers {

  private final CircuitBreakerRegistry registry;

  ModelBreakers(LlmProperties properties, MeterRegistry meters) {
    LlmProperties.CircuitBreaker settings = properties.circuitBreaker();
    CircuitBreakerConfig config =
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(settings.failures())
            .minimumNumberOfCalls(settings.failures())
            .failureRateThreshold(100)
            .waitDurationInOpenState(settings.openFor())
            .permittedNumberOfCallsInHalfOpenState(1)
            .recordException(ModelFailures::unavailable)
            .build();
    this.registry = CircuitBreakerRegistry.of(config);
    TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
  }

  /** The breaker of the model. */
  CircuitBreaker of(ChatModels.ModelKey key) {
    return registry.circuitBreaker(nameOf(key));
  }

  static String nameOf(ChatModels.ModelKey key) {
    return key.provider().name().toLowerCase(Locale.ROOT)
        + ":"
        + (key.model() == null ? "default" : key.model());
  }
}
