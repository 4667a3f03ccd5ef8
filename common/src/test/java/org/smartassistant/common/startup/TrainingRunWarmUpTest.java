package org.smartassistant.common.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The class data archive's training run checks readiness once (so that the archive holds that
 * check's classes, Lettuce's and Netty's among them); a real start does not.
 */
class TrainingRunWarmUpTest {

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  HealthContributorRegistryAutoConfiguration.class,
                  HealthEndpointAutoConfiguration.class,
                  TrainingRunAutoConfiguration.class))
          .withUserConfiguration(Probes.class)
          .withPropertyValues(
              "management.endpoint.health.group.readiness.include=readinessProbe",
              "management.endpoint.health.group.liveness.include=livenessProbe");

  @Test
  void theTrainingRunChecksTheReadinessGroupOnce() {
    // spring.context.exit=onRefresh comes as a system property in bin/run-service; here it is
    // given to the environment only, so that Spring does not end the test's JVM at the refresh
    runner
        .withPropertyValues("spring.context.exit=onRefresh")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Probes probes = context.getBean(Probes.class);
              assertThat(probes.readinessChecks).hasValue(1);
              assertThat(probes.livenessChecks).hasValue(0);
            });
  }

  @Test
  void aRealStartChecksNothing() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(Probes.class).readinessChecks).hasValue(0);
        });
  }

  @Test
  void aFailingCheckDoesNotFailTheTrainingRun() {
    AtomicInteger attempts = new AtomicInteger();
    runner
        .withPropertyValues("spring.context.exit=onRefresh")
        .withBean(
            "brokenProbe",
            HealthIndicator.class,
            () ->
                () -> {
                  attempts.incrementAndGet();
                  throw new IllegalStateException("Redis is not reachable");
                })
        .withPropertyValues(
            "management.endpoint.health.group.readiness.include=brokenProbe,readinessProbe")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(attempts).hasValue(1);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class Probes {
    final AtomicInteger readinessChecks = new AtomicInteger();
    final AtomicInteger livenessChecks = new AtomicInteger();

    @Bean
    HealthIndicator readinessProbe() {
      return () -> {
        readinessChecks.incrementAndGet();
        return Health.up().build();
      };
    }

    @Bean
    HealthIndicator livenessProbe() {
      return () -> {
        livenessChecks.incrementAndGet();
        return Health.up().build();
      };
    }
  }
}
