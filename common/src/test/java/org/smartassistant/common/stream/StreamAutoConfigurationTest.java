package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.TestRedisUrl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class StreamAutoConfigurationTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  DataRedisAutoConfiguration.class, StreamAutoConfiguration.class))
          .withPropertyValues("spring.data.redis.url=" + TestRedisUrl.VALUE);

  @Test
  void givesEveryServiceWithRedisAPublisherAndAConsumerFactory() {
    runner.run(
        context -> {
          assertThat(context)
              .hasSingleBean(EnvelopePublisher.class)
              .hasSingleBean(StreamConsumers.class)
              .hasSingleBean(StreamTrimmer.class)
              .hasSingleBean(EnvelopeCodec.class);
          StreamConsumerSettings settings =
              context.getBean(StreamConsumers.class).settings(Streams.INBOX, "assistant");
          assertThat(settings.maxAttempts()).isEqualTo(3);
          assertThat(settings.reclaimIdle()).isEqualTo(Duration.ofSeconds(30));
          assertThat(settings.dedupeTtl()).isEqualTo(Duration.ofHours(24));
        });
  }

  @Test
  void consumerDefaultsComeFromSmartStreamsProperties() {
    runner
        .withPropertyValues(
            "smart.streams.consumer.parallelism=256",
            "smart.streams.consumer.max-attempts=5",
            "smart.streams.consumer.reclaim-idle=10s")
        .run(
            context -> {
              StreamConsumerSettings settings =
                  context.getBean(StreamConsumers.class).settings(Streams.OUTBOX, "tg-bot");
              assertThat(settings.parallelism()).isEqualTo(256);
              assertThat(settings.maxAttempts()).isEqualTo(5);
              assertThat(settings.reclaimIdle()).isEqualTo(Duration.ofSeconds(10));
              assertThat(settings.batchSize()).isEqualTo(64);
            });
  }

  @Test
  void invalidSettingsStopTheApplicationFromStarting() {
    runner
        .withPropertyValues("smart.streams.consumer.max-attempts=0")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void consumerNamesDifferBetweenInstances() {
    assertThat(StreamConsumers.uniqueConsumerName())
        .isNotEqualTo(StreamConsumers.uniqueConsumerName())
        .contains("-" + ProcessHandle.current().pid() + "-");
  }

  @Test
  void nothingWithoutRedis() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(StreamAutoConfiguration.class))
        .run(
            context ->
                assertThat(context)
                    .doesNotHaveBean(EnvelopePublisher.class)
                    .doesNotHaveBean(StreamConsumers.class));
  }

  @Test
  void consumerBeanStartsAndStopsWithTheApplication() {
    StreamFixture streams = new StreamFixture();
    String stream = streams.stream;
    List<String> handled = new CopyOnWriteArrayList<>();
    runner
        .withBean("stream", String.class, () -> stream)
        .withBean("handled", List.class, () -> handled)
        .withUserConfiguration(ConsumerConfiguration.class)
        .run(
            context -> {
              StreamConsumer consumer = context.getBean(StreamConsumer.class);
              assertThat(consumer.isRunning()).isTrue();

              context
                  .getBean(EnvelopePublisher.class)
                  .publishTo(stream, StreamFixture.envelope(1, "hello"), null);

              await().atMost(Duration.ofSeconds(15)).until(() -> handled.contains("hello"));
              context.close();
              assertThat(consumer.isRunning()).isFalse();
              assertThat(streams.pending()).isZero();
            });
    streams.close();
  }

  @Test
  void theTrimmerLooksAfterTheConsumedStreamAndPublishesItsGauges() {
    StreamFixture streams = new StreamFixture();
    String stream = streams.stream;
    List<String> handled = new CopyOnWriteArrayList<>();
    runner
        .withBean("stream", String.class, () -> stream)
        .withBean("handled", List.class, () -> handled)
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withUserConfiguration(ConsumerConfiguration.class)
        .withPropertyValues("smart.streams.trim-interval=100ms")
        .run(
            context -> {
              StreamTrimmer trimmer = context.getBean(StreamTrimmer.class);
              assertThat(trimmer.isRunning()).isTrue();
              assertThat(trimmer.streams()).contains(stream);

              context
                  .getBean(EnvelopePublisher.class)
                  .publishTo(stream, StreamFixture.envelope(1, "hello"), null);

              await().atMost(Duration.ofSeconds(15)).until(() -> handled.contains("hello"));
              MeterRegistry registry = context.getBean(MeterRegistry.class);
              await()
                  .atMost(Duration.ofSeconds(15))
                  .untilAsserted(
                      () -> {
                        assertThat(
                                registry
                                    .get("smart.stream.length")
                                    .tag("stream", stream)
                                    .gauge()
                                    .value())
                            .isEqualTo(1);
                        assertThat(
                                registry
                                    .get("smart.stream.backlog")
                                    .tag("stream", stream)
                                    .tag("group", "workers")
                                    .gauge()
                                    .value())
                            .isZero();
                        assertThat(
                                registry
                                    .get("smart.stream.pending")
                                    .tag("stream", stream)
                                    .tag("group", "workers")
                                    .gauge()
                                    .value())
                            .isZero();
                      });
              context.close();
              assertThat(trimmer.isRunning()).isFalse();
            });
    streams.close();
  }

  @Configuration(proxyBeanMethods = false)
  static class ConsumerConfiguration {

    @Bean
    @SuppressWarnings("unchecked")
    StreamConsumer consumer(StreamConsumers consumers, String stream, List<?> handled) {
      return consumers.create(
          consumers.settings(stream, "workers").withBlockTimeout(Duration.ofMillis(100)),
          envelope -> ((List<String>) handled).add(envelope.text()),
          DeadLetterHandler.NONE);
    }
  }
}
