package org.smartassistant.common.stream;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.smartassistant.common.stream.ConsumerGroupClient.Entry;
import org.smartassistant.common.stream.StreamConsumer.State;

/**
 * What a {@link StreamConsumer} does besides reading, on a thread of its own: keeps its entries in
 * hand from looking idle, takes over the entries other consumers left idle, and removes departed
 * consumers from the group.
 */
final class ConsumerUpkeep {

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
  private static final int MAX_RECLAIM_STEPS = 100;
  private static final Duration FORGET_CONSUMERS_EVERY = Duration.ofMinutes(10);
  private static final Duration DEPARTED_AFTER = Duration.ofHours(1);

  private final StreamConsumerSettings settings;
  private final ConsumerGroupClient redis;
  private final StreamMetrics metrics;
  private final InHand inHand;
  private final Predicate<Entry> accept;
  private final Supplier<State> state;
  private final ScheduledExecutorService executor;
  private ScheduledFuture<?> reclaiming;

  /**
   * @param accept takes a reclaimed entry into hand; false if it was in hand already
   */
  ConsumerUpkeep(
      StreamConsumerSettings settings,
      ConsumerGroupClient redis,
      StreamMetrics metrics,
      InHand inHand,
      Predicate<Entry> accept,
      Supplier<State> state) {
    this.settings = settings;
    this.redis = redis;
    this.metrics = metrics;
    this.inHand = inHand;
    this.accept = accept;
    this.state = state;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("stream-" + settings.group() + "-upkeep"));
  }

  void start() {
    long renewMillis = Math.max(10, settings.reclaimIdle().toMillis() / 3);
    executor.scheduleWithFixedDelay(
        this::renewInHand, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
    long reclaimMillis = Math.min(5_000, Math.max(50, settings.reclaimIdle().toMillis() / 3));
    reclaiming =
        executor.scheduleWithFixedDelay(
            this::reclaimIdleEntries, reclaimMillis, reclaimMillis, TimeUnit.MILLISECONDS);
    executor.scheduleWithFixedDelay(
        this::forgetDepartedConsumers,
        FORGET_CONSUMERS_EVERY.toMillis(),
        FORGET_CONSUMERS_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** No more reclaiming: the consumer is stopping. Entries in hand are still renewed. */
  void stopReclaiming() {
    reclaiming.cancel(false);
  }

  void shutdownNow() {
    executor.shutdownNow();
  }

  /** Keeps the entries in hand from looking idle, so no other consumer reclaims them. */
  private void renewInHand() {
    if (state.get() == State.ABORTED) {
      return;
    }
    List<String> recordIds = inHand.recordIds();
    if (recordIds.isEmpty()) {
      return;
    }
    try {
      redis.touch(recordIds);
    } catch (RuntimeException e) {
      log.warn(
          "renewing entries in hand of {} failed: {}",
          settings.stream(),
          StreamConsumer.describe(e));
    }
  }

  /** Takes over entries other consumers left idle for longer than the reclaim idle time. */
  private void reclaimIdleEntries() {
    String start = "0-0";
    try {
      for (int step = 0; step < MAX_RECLAIM_STEPS && state.get() == State.RUNNING; step++) {
        int room = inHand.room();
        if (room <= 0) {
          return;
        }
        ConsumerGroupClient.Reclaimed reclaimed =
            redis.reclaim(settings.reclaimIdle(), start, room);
        for (Entry entry : reclaimed.entries()) {
          if (accept.test(entry)) {
            metrics.reclaimed.increment();
            log.info(
                "reclaimed entry {} of {} (delivery {})",
                entry.id(),
                settings.stream(),
                entry.deliveryCount());
          }
        }
        start = reclaimed.nextStart();
        if ("0-0".equals(start)) {
          return;
        }
      }
    } catch (RuntimeException e) {
      if (ConsumerGroupClient.mentions(e, "NOGROUP")) {
        return;
      }
      log.warn(
          "reclaiming idle entries of {} failed: {}",
          settings.stream(),
          StreamConsumer.describe(e));
    }
  }

  private void forgetDepartedConsumers() {
    if (state.get() != State.RUNNING) {
      return;
    }
    try {
      int removed = redis.forgetDepartedConsumers(DEPARTED_AFTER);
      if (removed > 0) {
        log.info(
            "removed {} departed consumers from {}/{}",
            removed,
            settings.stream(),
            settings.group());
      }
    } catch (RuntimeException e) {
      log.debug(
          "could not tidy the consumers of {}: {}", settings.stream(), StreamConsumer.describe(e));
    }
  }
}
