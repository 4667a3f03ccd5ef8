package org.smartassistant.rest;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The clock every "now" is read from, and scheduling (the change-event relay's retries). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RestServiceConfiguration {

  /** UTC, in whole microseconds (see {@link MicrosecondClock}). */
  @Bean
  Clock clock() {
    return new MicrosecondClock(Clock.systemUTC());
  }
}
