package org.smartassistant.testsupport.fakes.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one lock of the fake Bot API's parts, with the condition that wakes a test waiting for a call
 * or a confirmation. Each part keeps its own fields, all guarded by this lock, so that a request
 * sees the queue, the faults and the recorded calls in one consistent state.
 */
final class TelegramState {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<Runnable> resets = new ArrayList<>();

  void lock() {
    lock.lock();
  }

  void unlock() {
    lock.unlock();
  }

  /** Wakes every waiting test; the caller holds the lock. */
  void signalAll() {
    changed.signalAll();
  }

  <T> T read(Supplier<T> read) {
    lock.lock();
    try {
      return read.get();
    } finally {
      lock.unlock();
    }
  }

  void write(Runnable change) {
    lock.lock();
    try {
      change.run();
    } finally {
      lock.unlock();
    }
  }

  /** A part's way to forget what it holds on {@link #reset()}; called while the parts are built. */
  void onReset(Runnable forget) {
    resets.add(forget);
  }

  /** Every part forgets what it holds, at once, and the waiting tests look again. */
  void reset() {
    lock.lock();
    try {
      resets.forEach(Runnable::run);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits under the lock until {@code done}, then returns {@code result} read in the same hold.
   *
   * @param timedOut the message of the failure when the time runs out, read under the lock
   * @param what what is waited for, for the failure when the thread is interrupted
   */
  <T> T await(
      BooleanSupplier done,
      Duration timeout,
      Supplier<T> result,
      Supplier<String> timedOut,
      Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(timedOut.get());
        }
        changed.awaitNanos(left);
      }
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what.get(), e);
    } finally {
      lock.unlock();
    }
  }
}
