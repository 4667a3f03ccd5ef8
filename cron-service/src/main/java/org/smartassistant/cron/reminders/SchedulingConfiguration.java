package org.smartassistant.cron.reminders;

import java.time.Clock;
import java.util.List;
import java.util.Properties;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeStreams;
import org.smartassistant.common.stream.ChangeEventReader;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The clock every "now" of the scheduler is read from, the Quartz settings that come from {@link
 * SchedulerProperties} rather than from {@code spring.quartz.properties}, and the reader of the
 * reminders' change events.
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

  /**
   * Reads {@code changes:reminder} in the consumer group {@code cron-service} for the {@link
   * ReminderChangeListener}. It starts before the {@link ReminderPull} (its group exists before the
   * first pull begins, so no change made during that pull goes unheard) and stops after it.
   */
  @Bean
  ChangeEventReader reminderChanges(
      StringRedisTemplate redis, ReminderChangeListener listener, SchedulerProperties scheduler) {
    return ChangeEventReader.oneInstancePerGroup(
        redis,
        ChangeKind.REMINDER,
        ChangeStreams.CRON_GROUP,
        scheduler.changeBlock(),
        List.of(listener));
  }
}
