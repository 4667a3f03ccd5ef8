package org.smartassistant.common.stream;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.smartassistant.common.concurrent.VirtualThreads;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Stream settings shared by every service ({@code smart.streams.*}): trimming of the streams and
 * dead-letter streams, how long an idempotency key is remembered, and the defaults of every {@link
 * StreamConsumer}.
 *
 * @param maxLength how many acknowledged entries {@link StreamTrimmer} keeps per stream; entries a
 *     group has not acknowledged are never trimmed, and a backlog of 80% of this is warned about
 * @param deadLetterMaxLength approximate MAXLEN of each {@code <stream>:dlq}
 * @param trimInterval how often {@link StreamTrimmer} trims, measures and checks every stream
 * @param idempotencyTtl how long {@link EnvelopePublisher#publish(Envelope, String)} remembers a
 *     key
 * @param consumer defaults for {@link StreamConsumers#settings(String, String)}
 */
@Validated
@ConfigurationProperties("smart.streams")
public record StreamProperties(
    @DefaultValue("100000") @Min(1) long maxLength,
    @DefaultValue("10000") @Min(1) long deadLetterMaxLength,
    @DefaultValue("7d") @NotNull Duration idempotencyTtl,
    @DefaultValue @Valid @NotNull Consumer consumer,
    @DefaultValue("10s") @NotNull Duration trimInterval) {

  /** The defaults: what a service gets when it configures nothing. */
  public static StreamProperties defaults() {
    return new StreamProperties(
        100_000, 10_000, Duration.ofDays(7), Consumer.defaults(), Duration.ofSeconds(10));
  }

  /**
   * Consumer defaults; see {@link StreamConsumerSettings} for the meaning of each value.
   *
   * @param batchSize entries asked for per XREADGROUP
   * @param blockTimeout how long one XREADGROUP waits for new entries
   * @param parallelism how many envelopes (of different users) are handled at once
   * @param reclaimIdle how long an entry of another consumer must be idle before it is reclaimed
   * @param maxAttempts deliveries before an entry goes to the dead-letter stream
   * @param retryBackoff first wait before a failed entry is retried (doubles per attempt)
   * @param dedupeTtl how long a processed envelope id is remembered
   * @param stopTimeout how long a graceful stop waits for the envelopes in hand
   * @param virtualThreads whether the handlers run on virtual threads
   */
  public record Consumer(
      @DefaultValue("64") @Min(1) int batchSize,
      @DefaultValue("200ms") @NotNull Duration blockTimeout,
      @DefaultValue("64") @Min(1) int parallelism,
      @DefaultValue("30s") @NotNull Duration reclaimIdle,
      @DefaultValue("3") @Min(1) int maxAttempts,
      @DefaultValue("1s") @NotNull Duration retryBackoff,
      @DefaultValue("24h") @NotNull Duration dedupeTtl,
      @DefaultValue("20s") @NotNull Duration stopTimeout,
      @DefaultValue("auto") @NotNull VirtualThreads virtualThreads) {

    public static Consumer defaults() {
      return new Consumer(
          64,
          Duration.ofMillis(200),
          64,
          Duration.ofSeconds(30),
          3,
          Duration.ofSeconds(1),
          Duration.ofHours(24),
          Duration.ofSeconds(20),
          VirtualThreads.AUTO);
    }
  }
}
