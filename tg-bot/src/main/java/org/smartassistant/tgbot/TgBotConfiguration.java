package org.smartassistant.tgbot;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Beans of the whole service. */
@Configuration(proxyBeanMethods = false)
class TgBotConfiguration {

  /** Where "now" is read, so tests can move time. */
  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
