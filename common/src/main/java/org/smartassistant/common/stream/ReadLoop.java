package org.smartassistant.common.stream;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;

/**
 * The reading thread of every stream reader of the suite ({@link StreamConsumer}, {@link
 * ChangeEventReader}): makes ready (creates the consumer group, or finds where to start), then
 * reads until stopped. A failed read closes the reading connection and is tried again after a pause
 * that doubles from 100 ms to 5 s; when the group is gone (NOGROUP: the stream was removed, e.g.
 * Redis lost its data) it is made ready again first.
 */
final class ReadLoop {

  /** What one reader does; all of it runs on the loop's thread, except a {@link #prepareNow()}. */
  interface Reading {

    /** Makes ready to read: creates the group, or finds where to start. */
    void prepare();

    /** One blocking read, and the hand-over of what it returned. */
    void readOnce() throws InterruptedException;

    /** Closes the reading connection after a failure; the next read opens a new one. */
    void closeConnection();
  }

  private static final Logger log = LoggerFactory.getLogger(ReadLoop.class);
  private static final long FIRST_PAUSE_MILLIS = 100;
  private static final long MAX_PAUSE_MILLIS = 5_000;

  private final String what;
  private final Reading reading;
  private final Thread thread;
  private volatile boolean running = true;
  private boolean prepared;

  /**
   * @param threadPrefix the name of the reading thread, followed by {@code -<n>}
   * @param what what is read, for the logs (e.g. the stream)
   */
  ReadLoop(String threadPrefix, String what, Reading reading) {
    this.what = what;
    this.reading = reading;
    this.thread = DaemonThreads.named(threadPrefix).newThread(this::loop);
  }

  /**
   * Makes ready at once, on the caller's thread, so that e.g. the group exists when a start
   * returns; if that fails, the loop tries again. Call before {@link #start()}.
   */
  void prepareNow() {
    try {
      reading.prepare();
      prepared = true;
    } catch (RuntimeException e) {
      log.warn("cannot prepare reading {} yet: {}", what, StreamConsumer.describe(e));
    }
  }

  void start() {
    thread.start();
  }

  /** Stops after the current read, waiting up to {@code maxWait} for it. */
  void stop(Duration maxWait) {
    running = false;
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(maxWait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops without waiting, interrupting the current read. */
  void interrupt() {
    running = false;
    thread.interrupt();
  }

  private void loop() {
    long pauseMillis = FIRST_PAUSE_MILLIS;
    while (running) {
      try {
        if (!prepared) {
          reading.prepare();
          prepared = true;
        }
        reading.readOnce();
        pauseMillis = FIRST_PAUSE_MILLIS;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        if (ConsumerGroupClient.mentions(e, "NOGROUP")) {
          prepared = false;
        }
        reading.closeConnection();
        log.warn(
            "reading {} failed, again in {} ms: {}", what, pauseMillis, StreamConsumer.describe(e));
        if (!pause(pauseMillis)) {
          break;
        }
        pauseMillis = Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
      }
    }
    reading.closeConnection();
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
}
