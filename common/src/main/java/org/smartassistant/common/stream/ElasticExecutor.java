package org.smartassistant.common.stream;

import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A thread pool that reuses an idle thread when there is one, starts a new one (up to a maximum)
 * when there is none, queues beyond the maximum, and lets idle threads go after a while. The JDK's
 * fixed pool would instead start a thread per task until the maximum is reached, even when the load
 * needs only a few, which matters when a consumer allows hundreds of slow handlers at once.
 */
final class ElasticExecutor {

  private ElasticExecutor() {}

  static ThreadPoolExecutor create(int maxThreads, ThreadFactory threads) {
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            0,
            maxThreads,
            30,
            TimeUnit.SECONDS,
            new HandOffQueue(),
            threads,
            (task, pool) -> {
              if (pool.isShutdown()) {
                throw new RejectedExecutionException("stopped");
              }
              // every thread is busy: wait in line
              ((HandOffQueue) pool.getQueue()).enqueue(task);
            });
    return executor;
  }

  /** Accepts a task on offer only when an idle thread takes it at once. */
  private static final class HandOffQueue extends LinkedTransferQueue<Runnable> {

    @Override
    public boolean offer(Runnable task) {
      return tryTransfer(task);
    }

    void enqueue(Runnable task) {
      super.put(task);
    }
  }
}
