package org.smartassistant.cron.reminders;

import java.time.Clock;
import java.util.Properties;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock every "now" of the scheduler is read from, and the Quartz settings that come from
 * {@link SchedulerProperties} rather than from {@code spring.quartz.properties}.
 */
@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  SchedulerFactoryBeanCustomizer quartzThreads(
      QuartzProperties quartz, SchedulerProperties scheduler) {
    return factory -> {
      Properties properties = new Properties();
      properties.putAll(quartz.getProperties());
      properties.setProperty(
          "org.quartz.threadPool.threadCount", Integer.toString(scheduler.threadCount()));
      factory.setQuartzProperties(properties);
    };
  }
}
