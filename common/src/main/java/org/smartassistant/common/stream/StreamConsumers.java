package org.smartassistant.common.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Makes {@link StreamConsumer}s. A service declares its consumer as a bean, so that it starts and
 * stops with the application:
 *
 * <pre>{@code
 * @Bean
 * StreamConsumer inboxConsumer(StreamConsumers consumers, InboxHandler handler, Apologies apologies) {
 *   return consumers.create(
 *       consumers.settings(Streams.INBOX, Streams.ASSISTANT_GROUP).withParallelism(256),
 *       handler,
 *       apologies);
 * }
 * }</pre>
 */
public class StreamConsumers {

  private final StringRedisTemplate redis;
  private final EnvelopeCodec codec;
  private final MeterRegistry meterRegistry;
  private final Clock clock;
  private final StreamProperties properties;
  private final StreamTrimmer trimmer;
  private final EnvelopeObservations observations;

  /** A factory whose consumers' streams are looked after by whoever else runs a trimmer. */
  public StreamConsumers(
      StringRedisTemplate redis,
      EnvelopeCodec codec,
      MeterRegistry meterRegistry,
      Clock clock,
      StreamProperties properties) {
    this(redis, codec, meterRegistry, clock, properties, null, null);
  }

  /**
   * @param trimmer told about every stream consumed, so that it trims it and measures its groups'
   *     backlog (null: none)
   * @param observationRegistry observes each handling (null: timed into {@code meterRegistry} only)
   */
  public StreamConsumers(
      StringRedisTemplate redis,
      EnvelopeCodec codec,
      MeterRegistry meterRegistry,
      Clock clock,
      StreamProperties properties,
      StreamTrimmer trimmer,
      ObservationRegistry observationRegistry) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.properties = Objects.requireNonNull(properties, "properties");
    this.trimmer = trimmer;
    this.observations = EnvelopeObservations.of(observationRegistry, meterRegistry);
  }

  /**
   * Settings for a consumer of {@code stream} in {@code group}: the configured defaults ({@code
   * smart.streams.consumer.*}) and a consumer name unique to this process instance.
   */
  public StreamConsumerSettings settings(String stream, String group) {
    return StreamConsumerSettings.of(stream, group, uniqueConsumerName(), properties.consumer());
  }

  /**
   * A consumer, not yet started (a bean is started by the context; otherwise call {@link
   * StreamConsumer#start()} and {@link StreamConsumer#stop()}).
   *
   * @param deadLetters told once per entry given up on; {@link DeadLetterHandler#NONE} if nothing
   *     is to be done
   */
  public StreamConsumer create(
      StreamConsumerSettings settings, EnvelopeHandler handler, DeadLetterHandler deadLetters) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(deadLetters, "deadLetters");
    if (trimmer != null) {
      trimmer.watch(settings.stream());
    }
    return new StreamConsumer(
        settings,
        handler,
        deadLetters,
        codec,
        new ConsumerGroupClient(
            redis, settings.stream(), settings.group(), settings.consumerName()),
        new StreamMetrics(meterRegistry, observations, settings.stream(), settings.group()),
        clock,
        properties.deadLetterMaxLength());
  }

  /**
   * {@code <host>-<pid>-<random>}: two instances on one host, or a restarted instance with a reused
   * pid, never share a name, so one never acknowledges or renews what the other holds.
   */
  static String uniqueConsumerName() {
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    return hostName()
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + HexFormat.of().formatHex(random);
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "host";
    }
  }
}
