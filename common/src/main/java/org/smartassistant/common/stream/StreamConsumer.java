package org.smartassistant.common.stream;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.smartassistant.common.stream.ConsumerGroupClient.Admission;
import org.smartassistant.common.stream.ConsumerGroupClient.Entry;
import org.springframework.context.SmartLifecycle;

/**
 * The one consumer loop of the suite: reads a stream in a consumer group and runs an {@link
 * EnvelopeHandler} for each envelope under the delivery rules of SPEC §3.1 (docs/streams.md):
 * acknowledged only after the handler returned, failures retried with backoff and dead-lettered
 * after {@link StreamConsumerSettings#maxAttempts()} deliveries, unparseable entries dead-lettered
 * at once, entries of dead consumers reclaimed, redelivered envelopes skipped, and each user's
 * envelopes handled one at a time in stream order while different users run in parallel, across any
 * number of instances in the group.
 *
 * <p>Create it with {@link StreamConsumers#create}; declared as a bean it starts with the
 * application context and stops gracefully with it: reading stops, the envelopes in hand are
 * finished (within {@link StreamConsumerSettings#stopTimeout()}), and nothing unfinished is
 * acknowledged.
 */
public final class StreamConsumer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

  private static final long FIRST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long REDIS_ERROR_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long MAX_RETRY_BACKOFF_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final int MAX_RECLAIM_STEPS = 100;
  private static final int MIN_ENTRIES_IN_HAND = 1_000;
  private static final Duration FORGET_CONSUMERS_EVERY = Duration.ofMinutes(10);
  private static final Duration DEPARTED_AFTER = Duration.ofHours(1);

  private enum State {
    RUNNING,
    STOPPING,
    STOPPED,
    ABORTED
  }

  /** What became of a delivery after one step. */
  private enum Outcome {
    /** Acknowledged (handled, duplicate or dead-lettered), or finished by someone else. */
    DONE,
    /** Left pending without being finished: the consumer is stopping or aborted. */
    ABANDONED,
    /** To be tried again at its {@code notBeforeNanos}. */
    LATER
  }

  private final StreamConsumerSettings settings;
  private final EnvelopeHandler handler;
  private final DeadLetterHandler deadLetters;
  private final EnvelopeCodec codec;
  private final ConsumerGroupClient redis;
  private final StreamMetrics metrics;
  private final Clock clock;
  private final long deadLetterMaxLength;
  private volatile Run run;

  StreamConsumer(
      StreamConsumerSettings settings,
      EnvelopeHandler handler,
      DeadLetterHandler deadLetters,
      EnvelopeCodec codec,
      ConsumerGroupClient redis,
      StreamMetrics metrics,
      Clock clock,
      long deadLetterMaxLength) {
    this.settings = settings;
    this.handler = handler;
    this.deadLetters = deadLetters;
    this.codec = codec;
    this.redis = redis;
    this.metrics = metrics;
    this.clock = clock;
    this.deadLetterMaxLength = deadLetterMaxLength;
  }

  public StreamConsumerSettings settings() {
    return settings;
  }

  @Override
  public synchronized void start() {
    if (run != null && run.state != State.STOPPED) {
      return;
    }
    run = new Run();
    run.begin();
  }

  @Override
  public void stop() {
    Run current = run;
    if (current != null) {
      current.finish();
    }
  }

  @Override
  public boolean isRunning() {
    Run current = run;
    return current != null && current.state == State.RUNNING;
  }

  /**
   * Stops at once as a crash would: no handler is waited for, nothing more is acknowledged, the
   * entries in hand stay pending for another consumer to reclaim. For tests.
   */
  void abort() {
    Run current = run;
    if (current != null) {
      current.abort();
    }
  }

  /** One delivery of one entry to this consumer, kept until it is acknowledged or abandoned. */
  private static final class Delivery implements Comparable<Delivery> {
    final String recordId;
    final long idMillis;
    final long idSequence;
    final String rawEnvelope;
    final String previousId;
    final Envelope envelope;
    final String formatError;
    long deliveryCount;
    long notBeforeNanos;
    int waits;
    boolean retryClaimNeeded;
    boolean handled;
    boolean deadLetterNotified;
    String deadLetterReason;
    String lastError;

    Delivery(Entry entry, EnvelopeCodec codec) {
      this.recordId = entry.id();
      int dash = recordId.indexOf('-');
      this.idMillis = Long.parseLong(recordId.substring(0, dash));
      this.idSequence = Long.parseLong(recordId.substring(dash + 1));
      this.rawEnvelope = entry.fields().get(StreamKeys.ENVELOPE_FIELD);
      String previous = entry.fields().get(StreamKeys.PREVIOUS_FIELD);
      this.previousId = previous == null || previous.isEmpty() ? null : previous;
      this.deliveryCount = Math.max(1, entry.deliveryCount());
      Envelope decoded = null;
      String error = null;
      if (rawEnvelope == null) {
        error = "stream entry has no '" + StreamKeys.ENVELOPE_FIELD + "' field: " + entry.fields();
      } else {
        try {
          decoded = codec.decode(rawEnvelope);
        } catch (EnvelopeFormatException e) {
          error = describe(e);
        }
      }
      this.envelope = decoded;
      this.formatError = error;
    }

    @Override
    public int compareTo(Delivery other) {
      int byMillis = Long.compare(idMillis, other.idMillis);
      return byMillis != 0 ? byMillis : Long.compare(idSequence, other.idSequence);
    }
  }

  /** The envelopes of one user held by this consumer, handled one at a time in id order. */
  private static final class Lane {
    final long userId;
    final PriorityQueue<Delivery> queue = new PriorityQueue<>();

    /** A step of this lane is queued, running or timed: no second one may be started. */
    boolean active;

    ScheduledFuture<?> wakeUp;

    Lane(long userId) {
      this.userId = userId;
    }
  }

  /** The state of one start-to-stop period, so that a restart begins clean. */
  private final class Run {
    /**
     * How many users may have entries in hand: twice the handlers, so that a freed handler finds
     * work at once, and no more, so that other instances get the rest.
     */
    final int maxUsers = settings.parallelism() * 2;

    /**
     * How many entries may be in hand. Far more than {@link #maxUsers}: a user who sends many
     * messages at once fills only their own lane and never keeps other users' entries unread.
     */
    final int maxEntries = Math.max(MIN_ENTRIES_IN_HAND, settings.parallelism() * 8);

    volatile int usersInHand;

    final Set<String> inHand = ConcurrentHashMap.newKeySet();
    final Object roomChanged = new Object();
    final ReentrantLock lanesLock = new ReentrantLock();
    final Map<Long, Lane> lanes = new HashMap<>();
    final ThreadPoolExecutor workers;
    final ScheduledExecutorService timers;
    final ScheduledExecutorService upkeep;
    final Thread reader;
    volatile State state = State.RUNNING;
    ScheduledFuture<?> reclaiming;

    Run() {
      String prefix = "stream-" + settings.group();
      workers = ElasticExecutor.create(settings.parallelism(), threads(prefix + "-worker-"));
      timers = Executors.newSingleThreadScheduledExecutor(threads(prefix + "-timer-"));
      upkeep = Executors.newSingleThreadScheduledExecutor(threads(prefix + "-upkeep-"));
      reader = threads(prefix + "-reader-").newThread(this::readLoop);
    }

    void begin() {
      long renewMillis = Math.max(10, settings.reclaimIdle().toMillis() / 3);
      upkeep.scheduleWithFixedDelay(
          this::renewInHand, renewMillis, renewMillis, TimeUnit.MILLISECONDS);
      long reclaimMillis = Math.min(5_000, Math.max(50, settings.reclaimIdle().toMillis() / 3));
      reclaiming =
          upkeep.scheduleWithFixedDelay(
              this::reclaimIdleEntries, reclaimMillis, reclaimMillis, TimeUnit.MILLISECONDS);
      upkeep.scheduleWithFixedDelay(
          this::forgetDepartedConsumers,
          FORGET_CONSUMERS_EVERY.toMillis(),
          FORGET_CONSUMERS_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
      reader.start();
      log.info(
          "consuming {} as {}/{} (parallelism {})",
          settings.stream(),
          settings.group(),
          settings.consumerName(),
          settings.parallelism());
    }

    // ---- reading ----

    private void readLoop() {
      boolean groupReady = false;
      long errorPauseMillis = 100;
      while (state == State.RUNNING) {
        try {
          if (!groupReady) {
            redis.ensureGroup();
            groupReady = true;
          }
          int room = awaitRoom(settings.blockTimeout());
          if (room == 0) {
            continue;
          }
          List<Entry> entries =
              redis.readNew(Math.min(room, settings.batchSize()), settings.blockTimeout());
          for (Entry entry : entries) {
            accept(entry);
          }
          errorPauseMillis = 100;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        } catch (RuntimeException e) {
          if (state != State.RUNNING) {
            break;
          }
          if (ConsumerGroupClient.mentions(e, "NOGROUP")) {
            groupReady = false;
          }
          redis.closeReader();
          log.warn(
              "reading {} failed, again in {} ms: {}",
              settings.stream(),
              errorPauseMillis,
              describe(e));
          if (!pause(errorPauseMillis)) {
            break;
          }
          errorPauseMillis = Math.min(5_000, errorPauseMillis * 2);
        }
      }
      redis.closeReader();
    }

    /**
     * Waits up to {@code timeout} for room in hand; returns how many entries may be taken (0 when
     * there is none).
     */
    private int awaitRoom(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (roomChanged) {
        int room;
        while ((room = room()) <= 0 && state == State.RUNNING) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return 0;
          }
          TimeUnit.NANOSECONDS.timedWait(roomChanged, left);
        }
        return Math.max(0, room);
      }
    }

    /**
     * How many more entries to take now, at most a batch. Either limit may be passed by up to one
     * batch, since the users of entries are known only once they are read.
     */
    private int room() {
      if (usersInHand >= maxUsers) {
        return 0;
      }
      return Math.min(settings.batchSize(), maxEntries - inHand.size());
    }

    private void roomChanged() {
      synchronized (roomChanged) {
        roomChanged.notifyAll();
      }
    }

    private boolean pause(long millis) {
      try {
        Thread.sleep(millis);
        return true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Takes one delivered entry into hand; false if it was in hand already. */
    private boolean accept(Entry entry) {
      if (!inHand.add(entry.id())) {
        return false; // reclaimed while already in hand here: one delivery is enough
      }
      Delivery delivery;
      try {
        delivery = new Delivery(entry, codec);
      } catch (RuntimeException e) {
        // an id that is not a stream id cannot come from Redis; keep the loop alive regardless
        log.error("cannot take entry {} of {}", entry.id(), settings.stream(), e);
        release(entry.id());
        return false;
      }
      if (delivery.envelope == null) {
        submit(() -> deadLetterUnparseable(delivery));
        return true;
      }
      Lane lane;
      boolean startStep = false;
      lanesLock.lock();
      try {
        lane = lanes.computeIfAbsent(delivery.envelope.userId(), Lane::new);
        usersInHand = lanes.size();
        lane.queue.add(delivery);
        if (!lane.active) {
          lane.active = true;
          startStep = true;
        } else if (lane.wakeUp != null
            && lane.queue.peek() == delivery
            && lane.wakeUp.cancel(false)) {
          // an earlier entry arrived (e.g. reclaimed) while the lane waited for it
          lane.wakeUp = null;
          startStep = true;
        }
      } finally {
        lanesLock.unlock();
      }
      if (startStep) {
        submit(() -> step(lane));
      }
      return true;
    }

    // ---- handling ----

    /** Handles the first delivery of a lane, then queues the lane again (fair among users). */
    private void step(Lane lane) {
      Delivery delivery;
      lanesLock.lock();
      try {
        delivery = lane.queue.peek();
        if (delivery == null) {
          lane.active = false;
          removeLane(lane);
          return;
        }
        long waitNanos = delivery.notBeforeNanos - System.nanoTime();
        if (waitNanos > 0) {
          if (state != State.RUNNING) {
            abandon(lane);
            return;
          }
          try {
            lane.wakeUp = timers.schedule(() -> wake(lane), waitNanos, TimeUnit.NANOSECONDS);
          } catch (RejectedExecutionException stopped) {
            abandon(lane);
          }
          return;
        }
      } finally {
        lanesLock.unlock();
      }
      Outcome outcome = process(delivery);
      if (outcome != Outcome.LATER) {
        lanesLock.lock();
        try {
          lane.queue.remove(delivery);
        } finally {
          lanesLock.unlock();
        }
        release(delivery.recordId);
      }
      submit(() -> step(lane));
    }

    private void wake(Lane lane) {
      lanesLock.lock();
      try {
        lane.wakeUp = null;
      } finally {
        lanesLock.unlock();
      }
      submit(() -> step(lane));
    }

    /** Leaves all of a lane's entries pending; called with the lock held. */
    private void abandon(Lane lane) {
      for (Delivery delivery : lane.queue) {
        release(delivery.recordId);
      }
      lane.queue.clear();
      lane.active = false;
      removeLane(lane);
    }

    /** Called with the lock held. */
    private void removeLane(Lane lane) {
      lanes.remove(lane.userId);
      usersInHand = lanes.size();
      roomChanged();
    }

    private Outcome process(Delivery delivery) {
      if (state == State.ABORTED) {
        return Outcome.ABANDONED;
      }
      try {
        if (delivery.deadLetterReason != null) {
          return deadLetter(delivery, delivery.deadLetterReason);
        }
        if (delivery.retryClaimNeeded) {
          long next = delivery.deliveryCount + 1;
          if (!redis.claimForRetry(delivery.recordId, next)) {
            return Outcome.DONE;
          }
          delivery.deliveryCount = next;
          delivery.retryClaimNeeded = false;
        }
        if (delivery.handled) {
          return acknowledgeHandled(delivery);
        }
        if (delivery.deliveryCount > settings.maxAttempts()) {
          // delivered again after the last allowed attempt (e.g. the consumer died each time)
          String error =
              delivery.lastError != null
                  ? delivery.lastError
                  : "delivered " + delivery.deliveryCount + " times without being finished";
          return deadLetter(delivery, error);
        }
        Admission admission = redis.begin(delivery.envelope.id(), delivery.previousId);
        if (admission == Admission.DUPLICATE) {
          redis.acknowledge(delivery.recordId);
          metrics.duplicates.increment();
          log.info(
              "envelope {} ({}) was processed already; acknowledged without handling",
              delivery.envelope.id(),
              delivery.recordId);
          return Outcome.DONE;
        }
        if (admission == Admission.WAIT) {
          metrics.deferred.increment();
          long wait = Math.min(MAX_WAIT_NANOS, FIRST_WAIT_NANOS << Math.min(delivery.waits, 10));
          delivery.waits++;
          delivery.notBeforeNanos = System.nanoTime() + wait;
          return Outcome.LATER;
        }
        Throwable failure = handle(delivery.envelope);
        if (failure == null) {
          delivery.handled = true;
          return acknowledgeHandled(delivery);
        }
        if (state == State.ABORTED || (state != State.RUNNING && Thread.interrupted())) {
          return Outcome.ABANDONED;
        }
        metrics.failed.increment();
        delivery.lastError = describe(failure);
        if (delivery.deliveryCount >= settings.maxAttempts()) {
          log.warn(
              "envelope {} ({}) failed on attempt {} of {}",
              delivery.envelope.id(),
              delivery.recordId,
              delivery.deliveryCount,
              settings.maxAttempts(),
              failure);
          return deadLetter(delivery, delivery.lastError);
        }
        long backoff =
            Math.min(
                MAX_RETRY_BACKOFF_NANOS,
                settings.retryBackoff().toNanos() << Math.min(delivery.deliveryCount - 1, 16));
        log.warn(
            "envelope {} ({}) failed on attempt {} of {}, retry in {} ms: {}",
            delivery.envelope.id(),
            delivery.recordId,
            delivery.deliveryCount,
            settings.maxAttempts(),
            TimeUnit.NANOSECONDS.toMillis(backoff),
            delivery.lastError);
        delivery.retryClaimNeeded = true;
        delivery.notBeforeNanos = System.nanoTime() + backoff;
        return Outcome.LATER;
      } catch (RuntimeException e) {
        // Redis trouble: the entry stays pending and in hand; the same step is tried again
        log.warn("stream step for {} failed, again shortly: {}", delivery.recordId, describe(e));
        delivery.notBeforeNanos = System.nanoTime() + REDIS_ERROR_RETRY_NANOS;
        return Outcome.LATER;
      }
    }

    private Outcome acknowledgeHandled(Delivery delivery) {
      if (state == State.ABORTED) {
        return Outcome.ABANDONED;
      }
      redis.finish(delivery.envelope.id(), delivery.recordId, settings.dedupeTtl());
      metrics.processed.increment();
      return Outcome.DONE;
    }

    /**
     * Runs the handler; returns what it threw, or null. Errors count as failures too: a handler's
     * StackOverflowError must not leave its entry in hand forever.
     */
    private Throwable handle(Envelope envelope) {
      MDC.put("envelopeId", String.valueOf(envelope.id()));
      MDC.put("userId", String.valueOf(envelope.userId()));
      long started = System.nanoTime();
      try {
        handler.handle(envelope);
        return null;
      } catch (Exception | Error e) {
        return e;
      } finally {
        metrics.handling.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        MDC.remove("envelopeId");
        MDC.remove("userId");
      }
    }

    private Outcome deadLetter(Delivery delivery, String error) {
      // from here on this delivery only ever goes to the dead-letter stream, even if writing fails
      delivery.deadLetterReason = error;
      if (!delivery.deadLetterNotified) {
        delivery.deadLetterNotified = true;
        try {
          deadLetters.deadLettered(
              new DeadLetter(
                  settings.stream(),
                  delivery.recordId,
                  delivery.envelope,
                  delivery.rawEnvelope,
                  error,
                  (int) delivery.deliveryCount));
        } catch (Exception | Error e) {
          log.error("dead-letter handler failed for {}", delivery.recordId, e);
        }
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("envelope", delivery.rawEnvelope);
      fields.put("error", error);
      fields.put("attempts", Long.toString(delivery.deliveryCount));
      fields.put("originalId", delivery.recordId);
      fields.put("stream", settings.stream());
      fields.put("group", settings.group());
      fields.put("consumer", settings.consumerName());
      fields.put("failedAt", clock.instant().toString());
      boolean written =
          redis.deadLetter(
              delivery.recordId,
              delivery.envelope == null ? null : delivery.envelope.id(),
              fields,
              deadLetterMaxLength,
              settings.dedupeTtl());
      if (written) {
        metrics.deadLettered.increment();
        log.error(
            "entry {} of {} moved to {} after {} deliveries: {}",
            delivery.recordId,
            settings.stream(),
            Streams.dlq(settings.stream()),
            delivery.deliveryCount,
            error);
      }
      return Outcome.DONE;
    }

    private void deadLetterUnparseable(Delivery delivery) {
      if (state == State.ABORTED) {
        release(delivery.recordId);
        return;
      }
      try {
        deadLetter(delivery, delivery.formatError);
        release(delivery.recordId);
      } catch (RuntimeException e) {
        log.warn("dead-lettering {} failed, again shortly: {}", delivery.recordId, describe(e));
        if (state != State.RUNNING) {
          release(delivery.recordId);
          return;
        }
        try {
          timers.schedule(
              () -> submit(() -> deadLetterUnparseable(delivery)),
              REDIS_ERROR_RETRY_NANOS,
              TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
          release(delivery.recordId);
        }
      }
    }

    private void release(String recordId) {
      if (inHand.remove(recordId)) {
        roomChanged();
      }
    }

    private void submit(Runnable task) {
      try {
        workers.execute(task);
      } catch (RejectedExecutionException e) {
        // aborted or stopped: whatever the task held stays pending in Redis
      }
    }

    // ---- upkeep ----

    /** Keeps the entries in hand from looking idle, so no other consumer reclaims them. */
    private void renewInHand() {
      if (state == State.ABORTED || inHand.isEmpty()) {
        return;
      }
      try {
        redis.touch(List.copyOf(inHand));
      } catch (RuntimeException e) {
        log.warn("renewing entries in hand of {} failed: {}", settings.stream(), describe(e));
      }
    }

    /** Takes over entries other consumers left idle for longer than the reclaim idle time. */
    private void reclaimIdleEntries() {
      String start = "0-0";
      try {
        for (int step = 0; step < MAX_RECLAIM_STEPS && state == State.RUNNING; step++) {
          int room = room();
          if (room <= 0) {
            return;
          }
          ConsumerGroupClient.Reclaimed reclaimed =
              redis.reclaim(settings.reclaimIdle(), start, room);
          for (Entry entry : reclaimed.entries()) {
            if (accept(entry)) {
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
        log.warn("reclaiming idle entries of {} failed: {}", settings.stream(), describe(e));
      }
    }

    private void forgetDepartedConsumers() {
      if (state != State.RUNNING) {
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
        log.debug("could not tidy the consumers of {}: {}", settings.stream(), describe(e));
      }
    }

    // ---- stopping ----

    void finish() {
      synchronized (this) {
        if (state != State.RUNNING) {
          return;
        }
        state = State.STOPPING;
      }
      reclaiming.cancel(false);
      joinReader();
      lanesLock.lock();
      try {
        for (Lane lane : new ArrayList<>(lanes.values())) {
          if (lane.wakeUp != null && lane.wakeUp.cancel(false)) {
            lane.wakeUp = null;
            abandon(lane);
          }
        }
      } finally {
        lanesLock.unlock();
      }
      boolean finished = awaitNothingInHand(settings.stopTimeout());
      if (!finished) {
        log.warn(
            "{} envelopes of {} still in hand after {}; interrupting them, they stay pending",
            inHand.size(),
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
      state = State.STOPPED;
      log.info("stopped consuming {} as {}", settings.stream(), settings.consumerName());
    }

    private void joinReader() {
      try {
        reader.join(settings.blockTimeout().toMillis() + 5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private boolean awaitNothingInHand(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      synchronized (roomChanged) {
        while (!inHand.isEmpty()) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          try {
            TimeUnit.NANOSECONDS.timedWait(roomChanged, left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
        return true;
      }
    }

    void abort() {
      state = State.ABORTED;
      upkeep.shutdownNow();
      timers.shutdownNow();
      workers.shutdownNow();
      reader.interrupt();
    }
  }

  /** Daemon threads: a graceful stop is the lifecycle's job, they must never keep a JVM alive. */
  private static ThreadFactory threads(String prefix) {
    AtomicInteger counter = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null
        ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + message;
  }
}
