package org.smartassistant.common.startup;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The class data archive's training run (bin/run-service) also records what a service's first
 * readiness check loads. See {@link TrainingRunWarmUp}.
 */
@AutoConfiguration
@ConditionalOnClass(HealthEndpoint.class)
public class TrainingRunAutoConfiguration {

  @Bean
  TrainingRunWarmUp trainingRunWarmUp(
      Environment environment, ObjectProvider<HealthEndpoint> healthEndpoint) {
    return new TrainingRunWarmUp(environment, healthEndpoint);
  }
}
