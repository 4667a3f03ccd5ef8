package org.smartassistant.assistant;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans shared by the service's features. */
@Configuration(proxyBeanMethods = false)
class AssistantConfiguration {

  /** The one place "now" comes from, so that tests can move time. */
  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }
}
