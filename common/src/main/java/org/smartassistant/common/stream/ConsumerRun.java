package org.smartassistant.common.stream;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.smartassistant.common.stream.ConsumerGroupClient.Entry;
import org.smartassistant.common.stream.DeliveryProcessor.Outcome;
import org.smartassistant.common.stream.StreamConsumer.State;

/**
 * One start-to-stop period of a {@link StreamConsumer}, so that a restart begins clean: the {@link
 * ReadLoop} takes entries into hand, each user's lane is stepped on the worker pool by the {@link
 * DeliveryProcessor} (a lane whose delivery must wait is woken by a timer), and the {@link
 * ConsumerUpkeep} renews and reclaims.
 */
final class ConsumerRun {

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);
  private static final int MIN_ENTRIES_IN_HAND = 1_000;

  private final StreamConsumerSettings settings;
  private final EnvelopeCodec codec;
  private final ConsumerGroupClient redis;
  private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
  private final InHand inHand;
  private final DeliveryProcessor processor;
  private final ConsumerUpkeep upkeep;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService timers;
  private final ReadLoop reader;

  ConsumerRun(
      StreamConsumerSettings settings,
      EnvelopeHandler handler,
      DeadLetterHandler deadLetters,
      EnvelopeCodec codec,
      ConsumerGroupClient redis,
      StreamMetrics metrics,
      Clock clock,
      long deadLetterMaxLength) {
    this.settings = settings;
    this.codec = codec;
    this.redis = redis;
    // users in hand: twice the handlers, so that a freed handler finds work at once, and no more,
    // so that other instances get the rest; entries: far more, so that a user who sends many
    // messages at once fills only their own lane and never keeps other users' entries unread
    this.inHand =
        new InHand(
            settings.parallelism() * 2,
            Math.max(MIN_ENTRIES_IN_HAND, settings.parallelism() * 8),
            settings.batchSize());
    this.processor =
        new DeliveryProcessor(
            settings, handler, deadLetters, redis, metrics, clock, deadLetterMaxLength, state::get);
    this.upkeep = new ConsumerUpkeep(settings, redis, metrics, inHand, this::accept, state::get);
    String prefix = "stream-" + settings.group();
    this.workers =
        ElasticExecutor.create(
            settings.parallelism(), settings.virtualThreads().factory(prefix + "-worker"));
    this.timers =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named(prefix + "-timer"));
    this.reader = new ReadLoop(prefix + "-reader", settings.stream(), new Reading());
  }

  State state() {
    return state.get();
  }

  void begin() {
    upkeep.start();
    reader.start();
    log.info(
        "consuming {} as {}/{} (parallelism {})",
        settings.stream(),
        settings.group(),
        settings.consumerName(),
        settings.parallelism());
  }

  private boolean running() {
    return state.get() == State.RUNNING;
  }

  /** Reads new entries into hand, as many as there is room for. */
  private final class Reading implements ReadLoop.Reading {

    @Override
    public void prepare() {
      redis.ensureGroup();
    }

    @Override
    public void readOnce() throws InterruptedException {
      int room = inHand.awaitRoom(settings.blockTimeout(), ConsumerRun.this::running);
      if (room == 0) {
        return;
      }
      for (Entry entry :
          redis.readNew(Math.min(room, settings.batchSize()), settings.blockTimeout())) {
        accept(entry);
      }
    }

    @Override
    public void closeConnection() {
      redis.closeReader();
    }
  }

  /** Takes one delivered entry into hand; false if it was in hand already. */
  private boolean accept(Entry entry) {
    if (!inHand.take(entry.id())) {
      return false; // reclaimed while already in hand here: one delivery is enough
    }
    Delivery delivery;
    try {
      delivery = new Delivery(entry, codec);
    } catch (RuntimeException e) {
      // an id that is not a stream id cannot come from Redis; keep the loop alive regardless
      log.error("cannot take entry {} of {}", entry.id(), settings.stream(), e);
      inHand.release(entry.id());
      return false;
    }
    if (delivery.envelope == null) {
      submit(() -> deadLetterUnparseable(delivery));
      return true;
    }
    InHand.Lane lane = inHand.enqueue(delivery);
    if (lane != null) {
      submit(() -> step(lane));
    }
    return true;
  }

  /** Steps the first delivery of a lane, then queues the lane again (fair among users). */
  private void step(InHand.Lane lane) {
    Delivery delivery = inHand.nextDue(lane, this::running, wait -> wakeLater(lane, wait));
    if (delivery == null) {
      return;
    }
    if (processor.process(delivery) != Outcome.LATER) {
      inHand.finished(lane, delivery);
    }
    submit(() -> step(lane));
  }

  private ScheduledFuture<?> wakeLater(InHand.Lane lane, long waitNanos) {
    try {
      return timers.schedule(
          () -> {
            inHand.wokeUp(lane);
            submit(() -> step(lane));
          },
          waitNanos,
          TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException stopped) {
      return null;
    }
  }

  private void deadLetterUnparseable(Delivery delivery) {
    if (state.get() == State.ABORTED) {
      inHand.release(delivery.recordId);
      return;
    }
    try {
      processor.deadLetter(delivery, delivery.formatError);
      inHand.release(delivery.recordId);
    } catch (RuntimeException e) {
      log.warn(
          "dead-lettering {} failed, again shortly: {}",
          delivery.recordId,
          StreamConsumer.describe(e));
      if (!running()) {
        inHand.release(delivery.recordId);
        return;
      }
      try {
        timers.schedule(
            () -> submit(() -> deadLetterUnparseable(delivery)),
            DeliveryProcessor.REDIS_ERROR_RETRY_NANOS,
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException stopped) {
        inHand.release(delivery.recordId);
      }
    }
  }

  private void submit(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      // aborted or stopped: whatever the task held stays pending in Redis
    }
  }

  /** Stops reading, finishes the envelopes in hand and leaves waiting ones pending. */
  void finish() {
    if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
      return;
    }
    upkeep.stopReclaiming();
    reader.stop(settings.blockTimeout().plusSeconds(5));
    inHand.abandonWaitingLanes();
    if (!inHand.awaitEmpty(settings.stopTimeout())) {
      log.warn(
          "{} envelopes of {} still in hand after {}; interrupting them, they stay pending",
          inHand.recordIds().size(),
          settings.stream(),
          settings.stopTimeout());
      workers.shutdownNow();
    }
    workers.shutdown();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers.shutdownNow();
    upkeep.shutdownNow();
    state.set(State.STOPPED);
    log.info("stopped consuming {} as {}", settings.stream(), settings.consumerName());
  }

  /** Stops at once as a crash would. */
  void abort() {
    state.set(State.ABORTED);
    upkeep.shutdownNow();
    timers.shutdownNow();
    workers.shutdownNow();
    reader.interrupt();
  }
}
