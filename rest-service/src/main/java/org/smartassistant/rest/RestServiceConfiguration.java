package org.smartassistant.rest;

import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock every "now" is read from, and scheduling (the change-event relay's retries). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RestServiceConfiguration {

  /** UTC, in whole microseconds: what PostgreSQL stores, so a value reads back as written. */
  @Bean
  Clock clock() {
    return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
  }
}
