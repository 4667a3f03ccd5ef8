package org.smartassistant.common.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Makes every service fail fast and recover fast when Redis goes away: commands are rejected while
 * disconnected (so health turns DOWN at once instead of queueing), and reconnects are retried every
 * few seconds at most, so readiness is UP again soon after Redis is back. And the Redis client
 * records no latency of its own (see {@link #noCommandLatencyRecording}).
 */
@AutoConfiguration
@ConditionalOnClass(ClientResources.class)
public class RedisResilienceAutoConfiguration {

  @Bean
  ClientResourcesBuilderCustomizer fastRedisReconnect() {
    return builder ->
        builder.reconnectDelay(
            Delay.exponential(
                Duration.ofMillis(100),
                Duration.ofSeconds(2),
                2,
                java.util.concurrent.TimeUnit.MILLISECONDS));
  }

  /**
   * Lettuce records the latency of every command in histograms of its own whenever HdrHistogram and
   * LatencyUtils are on the classpath (Micrometer brings them), and publishes them every ten
   * minutes as an event nobody listens to: about 0.5 % of the assistant's and tg-bot's CPU under
   * load (docs/operations.md, "Where the time goes"). The stages that matter are timed by the
   * services' own observations.
   */
  @Bean
  ClientResourcesBuilderCustomizer noCommandLatencyRecording() {
    return builder -> builder.commandLatencyRecorder(CommandLatencyRecorder.disabled());
  }

  @Bean
  LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
    return builder ->
        builder
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .autoReconnect(true)
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build());
  }
}
