package org.smartassistant.assistant.secretary;

import java.util.EnumSet;
import java.util.List;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeListener;
import org.smartassistant.common.stream.ChangeEventReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Follows every change stream of rest-service so that the caches drop what changed. Every instance
 * reads every event (no consumer group), from where the streams stood when it started; events
 * published while no instance listened are covered by {@link ChangeListener#missedChanges()} at
 * start and by the caches' time to live.
 */
@Configuration(proxyBeanMethods = false)
class ChangeEventsConfiguration {

  @Bean
  ChangeEventReader changeEventReader(
      StringRedisTemplate redis, List<ChangeListener> caches, CacheProperties properties) {
    return ChangeEventReader.everyInstance(
        redis, EnumSet.allOf(ChangeKind.class), properties.changePollTimeout(), caches);
  }
}
