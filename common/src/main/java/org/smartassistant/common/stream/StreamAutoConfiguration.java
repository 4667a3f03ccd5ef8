package org.smartassistant.common.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The stream plumbing of every service that has Redis: the {@link EnvelopePublisher}, the {@link
 * StreamConsumers} factory and the {@link StreamTrimmer} that trims, measures and checks the
 * streams either of them touches, configured by {@code smart.streams.*}.
 */
@AutoConfiguration(
    after = DataRedisAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnBean(StringRedisTemplate.class)
@EnableConfigurationProperties(StreamProperties.class)
public class StreamAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  EnvelopeCodec envelopeCodec() {
    return new EnvelopeCodec();
  }

  @Bean
  @ConditionalOnMissingBean
  StreamTrimmer streamTrimmer(
      StringRedisTemplate redis,
      ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<Clock> clock,
      StreamProperties properties) {
    return new StreamTrimmer(
        redis,
        meterRegistry.getIfAvailable(SimpleMeterRegistry::new),
        clock.getIfAvailable(Clock::systemUTC),
        properties.maxLength(),
        properties.trimInterval());
  }

  @Bean
  @ConditionalOnMissingBean
  EnvelopePublisher envelopePublisher(
      StringRedisTemplate redis,
      EnvelopeCodec codec,
      StreamProperties properties,
      StreamTrimmer trimmer,
      ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<ObservationRegistry> observationRegistry) {
    return new EnvelopePublisher(
        redis,
        codec,
        properties.idempotencyTtl(),
        trimmer,
        EnvelopeObservations.of(
            observationRegistry.getIfAvailable(),
            meterRegistry.getIfAvailable(SimpleMeterRegistry::new)));
  }

  @Bean
  @ConditionalOnMissingBean
  DeadLetterQueue deadLetterQueue(
      StringRedisTemplate redis, EnvelopeCodec codec, EnvelopePublisher publisher) {
    return new DeadLetterQueue(redis, codec, publisher);
  }

  @Bean
  @ConditionalOnMissingBean
  StreamConsumers streamConsumers(
      StringRedisTemplate redis,
      EnvelopeCodec codec,
      ObjectProvider<MeterRegistry> meterRegistry,
      ObjectProvider<Clock> clock,
      StreamProperties properties,
      StreamTrimmer trimmer,
      ObjectProvider<ObservationRegistry> observationRegistry) {
    return new StreamConsumers(
        redis,
        codec,
        meterRegistry.getIfAvailable(SimpleMeterRegistry::new),
        clock.getIfAvailable(Clock::systemUTC),
        properties,
        trimmer,
        observationRegistry.getIfAvailable());
  }
}
