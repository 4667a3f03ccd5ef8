package org.smartassistant.common.stream;

import io.lettuce.core.RedisURI;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.smartassistant.common.TestRedisUrl;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A stream of its own (random name, all keys under it, removed afterwards) on the test Redis given
 * by {@code TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}), with helpers to publish,
 * consume and look inside.
 */
final class StreamFixture implements AutoCloseable {

  static final String GROUP = "workers";

  private static LettuceConnectionFactory connectionFactory;

  final StringRedisTemplate redis;
  final String stream = "test-stream:" + UUID.randomUUID();
  final EnvelopeCodec codec = new EnvelopeCodec();
  private final List<StreamConsumer> consumers = new ArrayList<>();

  StreamFixture() {
    redis = new StringRedisTemplate(connectionFactory());
  }

  static synchronized LettuceConnectionFactory connectionFactory() {
    if (connectionFactory == null) {
      String url = TestRedisUrl.VALUE;
      RedisURI uri = RedisURI.create(url);
      RedisStandaloneConfiguration configuration =
          new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
      configuration.setDatabase(uri.getDatabase());
      if (uri.getPassword() != null) {
        configuration.setPassword(uri.getPassword());
      }
      connectionFactory = new LettuceConnectionFactory(configuration);
      connectionFactory.afterPropertiesSet();
      connectionFactory.start();
    }
    return connectionFactory;
  }

  EnvelopePublisher publisher() {
    return new EnvelopePublisher(redis, codec, Duration.ofMinutes(10), null);
  }

  /** Fast settings for tests: short blocking, retries and stop. */
  StreamConsumerSettings settings() {
    return StreamConsumerSettings.of(
            stream,
            GROUP,
            StreamConsumers.uniqueConsumerName(),
            StreamProperties.Consumer.defaults())
        .withBlockTimeout(Duration.ofMillis(100))
        .withRetryBackoff(Duration.ofMillis(50))
        .withStopTimeout(Duration.ofSeconds(5))
        .withParallelism(8);
  }

  StreamConsumer consumer(
      UnaryOperator<StreamConsumerSettings> tweak,
      EnvelopeHandler handler,
      DeadLetterHandler deadLetters,
      MeterRegistry registry) {
    StreamConsumers factory =
        new StreamConsumers(redis, codec, registry, Clock.systemUTC(), StreamProperties.defaults());
    StreamConsumer consumer = factory.create(tweak.apply(settings()), handler, deadLetters);
    consumers.add(consumer);
    consumer.start();
    return consumer;
  }

  StreamConsumer consumer(EnvelopeHandler handler) {
    return consumer(s -> s, handler, DeadLetterHandler.NONE, new SimpleMeterRegistry());
  }

  static Envelope envelope(long userId, String text) {
    return Envelope.of(EnvelopeType.USER_MESSAGE, userId, userId * 10, text, "test", Instant.now());
  }

  String publish(long userId, String text) {
    return publish(envelope(userId, text));
  }

  String publish(Envelope envelope) {
    return publisher().publishTo(stream, envelope, null).recordId();
  }

  /** Adds an entry by hand, as a broken producer would. */
  String addRaw(Map<String, String> fields) {
    return redis.opsForStream().add(MapRecord.create(stream, fields)).getValue();
  }

  long pending() {
    PendingMessagesSummary summary = redis.opsForStream().pending(stream, GROUP);
    return summary == null ? 0 : summary.getTotalPendingMessages();
  }

  List<MapRecord<String, Object, Object>> deadLetters() {
    return redis.opsForStream().range(Streams.dlq(stream), Range.unbounded());
  }

  long length() {
    Long size = redis.opsForStream().size(stream);
    return size == null ? 0 : size;
  }

  @Override
  public void close() {
    for (StreamConsumer consumer : consumers) {
      if (consumer.isRunning()) {
        consumer.stop();
      }
    }
    Set<String> keys = new java.util.HashSet<>();
    try (var cursor =
        redis.scan(ScanOptions.scanOptions().match(stream + "*").count(1000).build())) {
      cursor.forEachRemaining(keys::add);
    }
    if (!keys.isEmpty()) {
      redis.delete(keys);
    }
  }
}
