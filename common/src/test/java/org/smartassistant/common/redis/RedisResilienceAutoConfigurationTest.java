package org.smartassistant.common.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.metrics.DefaultCommandLatencyCollector;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.TestRedisUrl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

class RedisResilienceAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataRedisAutoConfiguration.class, RedisResilienceAutoConfiguration.class))
          .withPropertyValues("spring.data.redis.url=" + TestRedisUrl.VALUE);

  @Test
  void theRedisClientRecordsNoCommandLatency() {
    // without the setting Lettuce would record every command: its collector is on the classpath
    assertThat(DefaultCommandLatencyCollector.isAvailable()).isTrue();
    runner.run(
        context ->
            assertThat(context.getBean(ClientResources.class).commandLatencyRecorder().isEnabled())
                .isFalse());
  }

  @Test
  void commandsAreRejectedWhileDisconnected() {
    runner.run(
        context -> {
          ClientOptions options =
              context
                  .getBean(LettuceConnectionFactory.class)
                  .getClientConfiguration()
                  .getClientOptions()
                  .orElseThrow();
          assertThat(options.getDisconnectedBehavior())
              .isEqualTo(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
          assertThat(options.isAutoReconnect()).isTrue();
        });
  }
}
