package org.smartassistant.common.stream;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;
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
 *
 * <p>Its parts: a {@link ConsumerRun} per start, whose {@link ReadLoop} reads entries into {@link
 * InHand} (one {@link Delivery} each, in its user's lane), a {@link DeliveryProcessor} that steps
 * each delivery, and the {@link ConsumerUpkeep} that renews and reclaims.
 */
public final class StreamConsumer implements SmartLifecycle {

  /** Where a run stands. */
  enum State {
    RUNNING,
    STOPPING,
    STOPPED,
    ABORTED
  }

  private final StreamConsumerSettings settings;
  private final EnvelopeHandler handler;
  private final DeadLetterHandler deadLetters;
  private final EnvelopeCodec codec;
  private final ConsumerGroupClient redis;
  private final StreamMetrics metrics;
  private final Clock clock;
  private final long deadLetterMaxLength;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile ConsumerRun run;

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
  public void start() {
    lifecycle.lock();
    try {
      if (run != null && run.state() != State.STOPPED) {
        return;
      }
      run =
          new ConsumerRun(
              settings, handler, deadLetters, codec, redis, metrics, clock, deadLetterMaxLength);
      run.begin();
    } finally {
      lifecycle.unlock();
    }
  }

  @Override
  public void stop() {
    ConsumerRun current = run;
    if (current != null) {
      current.finish();
    }
  }

  @Override
  public boolean isRunning() {
    ConsumerRun current = run;
    return current != null && current.state() == State.RUNNING;
  }

  /**
   * Stops at once as a crash would: no handler is waited for, nothing more is acknowledged, the
   * entries in hand stay pending for another consumer to reclaim. For tests.
   */
  void abort() {
    ConsumerRun current = run;
    if (current != null) {
      current.abort();
    }
  }

  static String describe(Throwable error) {
    String message = error.getMessage();
    return message == null
        ? error.getClass().getSimpleName()
        : error.getClass().getSimpleName() + ": " + message;
  }
}
