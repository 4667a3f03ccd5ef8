package org.smartassistant.common.stream;

import java.time.Duration;
import java.util.Objects;
import org.smartassistant.common.concurrent.VirtualThreads;

/**
 * Everything one {@link StreamConsumer} needs to know. Get one from {@link
 * StreamConsumers#settings(String, String)} (defaults from {@code smart.streams.consumer.*} and a
 * unique consumer name) and change what differs with the {@code with...} methods.
 *
 * @param stream the stream read, e.g. {@link Streams#INBOX}
 * @param group the consumer group, created (with MKSTREAM) when missing
 * @param consumerName unique per process instance: two instances must never share it
 * @param batchSize entries asked for per XREADGROUP
 * @param blockTimeout how long one XREADGROUP waits for new entries; bounds how long a stop waits
 *     for the reader
 * @param parallelism how many envelopes (of different users) are handled at once; twice as many are
 *     held in memory at most
 * @param reclaimIdle an entry pending this long on another consumer (which no longer renews it) is
 *     taken over; entries in hand are renewed every third of it, so a slow handler keeps its entry
 * @param maxAttempts deliveries of one entry before it goes to {@code <stream>:dlq}
 * @param retryBackoff wait before the first retry of a failed entry, doubled for each further one
 * @param dedupeTtl how long the id of a processed envelope is remembered, so that a redelivered
 *     envelope is acknowledged without running the handler again
 * @param stopTimeout how long a graceful stop waits for the envelopes in hand
 * @param virtualThreads whether the handlers run on virtual threads (where the JVM has them)
 */
public record StreamConsumerSettings(
    String stream,
    String group,
    String consumerName,
    int batchSize,
    Duration blockTimeout,
    int parallelism,
    Duration reclaimIdle,
    int maxAttempts,
    Duration retryBackoff,
    Duration dedupeTtl,
    Duration stopTimeout,
    VirtualThreads virtualThreads) {

  public StreamConsumerSettings {
    requireText(stream, "stream");
    requireText(group, "group");
    requireText(consumerName, "consumerName");
    requirePositive(batchSize, "batchSize");
    requirePositive(parallelism, "parallelism");
    requirePositive(maxAttempts, "maxAttempts");
    requirePositive(blockTimeout, "blockTimeout");
    requirePositive(reclaimIdle, "reclaimIdle");
    requirePositive(retryBackoff, "retryBackoff");
    requirePositive(dedupeTtl, "dedupeTtl");
    requirePositive(stopTimeout, "stopTimeout");
    Objects.requireNonNull(virtualThreads, "virtualThreads");
  }

  /** Settings with the given defaults. */
  public static StreamConsumerSettings of(
      String stream, String group, String consumerName, StreamProperties.Consumer defaults) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        defaults.batchSize(),
        defaults.blockTimeout(),
        defaults.parallelism(),
        defaults.reclaimIdle(),
        defaults.maxAttempts(),
        defaults.retryBackoff(),
        defaults.dedupeTtl(),
        defaults.stopTimeout(),
        defaults.virtualThreads());
  }

  public StreamConsumerSettings withBatchSize(int value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        value,
        blockTimeout,
        parallelism,
        reclaimIdle,
        maxAttempts,
        retryBackoff,
        dedupeTtl,
        stopTimeout,
        virtualThreads);
  }

  public StreamConsumerSettings withBlockTimeout(Duration value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        value,
        parallelism,
        reclaimIdle,
        maxAttempts,
        retryBackoff,
        dedupeTtl,
        stopTimeout,
        virtualThreads);
  }

  public StreamConsumerSettings withParallelism(int value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        blockTimeout,
        value,
        reclaimIdle,
        maxAttempts,
        retryBackoff,
        dedupeTtl,
        stopTimeout,
        virtualThreads);
  }

  public StreamConsumerSettings withReclaimIdle(Duration value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        blockTimeout,
        parallelism,
        value,
        maxAttempts,
        retryBackoff,
        dedupeTtl,
        stopTimeout,
        virtualThreads);
  }

  public StreamConsumerSettings withMaxAttempts(int value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        blockTimeout,
        parallelism,
        reclaimIdle,
        value,
        retryBackoff,
        dedupeTtl,
        stopTimeout,
        virtualThreads);
  }

  public StreamConsumerSettings withRetryBackoff(Duration value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        blockTimeout,
        parallelism,
        reclaimIdle,
        maxAttempts,
        value,
        dedupeTtl,
        stopTimeout,
        virtualThreads);
  }

  public StreamConsumerSettings withStopTimeout(Duration value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        blockTimeout,
        parallelism,
        reclaimIdle,
        maxAttempts,
        retryBackoff,
        dedupeTtl,
        value,
        virtualThreads);
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  private static void requirePositive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  public StreamConsumerSettings withVirtualThreads(VirtualThreads value) {
    return new StreamConsumerSettings(
        stream,
        group,
        consumerName,
        batchSize,
        blockTimeout,
        parallelism,
        reclaimIdle,
        maxAttempts,
        retryBackoff,
        dedupeTtl,
        stopTimeout,
        value);
  }
}
