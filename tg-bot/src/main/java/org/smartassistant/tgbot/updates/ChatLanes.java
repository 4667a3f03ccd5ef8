package org.smartassistant.tgbot.updates;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;

/**
 * Runs tasks on a shared pool, one at a time per chat and in submission order, while different
 * chats run in parallel: a slow chat holds one thread, never the others.
 */
final class ChatLanes {

  private static final Logger log = LoggerFactory.getLogger(ChatLanes.class);

  /** Tasks one lane runs before it yields its thread to other lanes. */
  private static final int TASKS_PER_TURN = 8;

  private final ThreadPoolExecutor pool;
  private final Map<Long, Lane> lanes = new HashMap<>();

  ChatLanes(String name, int threads) {
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            DaemonThreads.named(name));
    pool.allowCoreThreadTimeOut(true);
  }

  /** Queues the task behind the chat's earlier tasks; the future completes when it has run. */
  CompletableFuture<Void> submit(long chatId, Runnable task) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Runnable tracked =
        () -> {
          try {
            task.run();
            done.complete(null);
          } catch (Throwable t) {
            done.completeExceptionally(t);
            log.error("task of chat {} failed", chatId, t);
          }
        };
    boolean start;
    Lane lane;
    synchronized (lanes) {
      lane = lanes.computeIfAbsent(chatId, Lane::new);
      lane.tasks.add(tracked);
      start = !lane.scheduled;
      lane.scheduled = true;
    }
    if (start) {
      schedule(lane);
    }
    return done;
  }

  private void schedule(Lane lane) {
    try {
      pool.execute(() -> drain(lane));
    } catch (RejectedExecutionException stopped) {
      synchronized (lanes) {
        lane.tasks.clear();
        lane.scheduled = false;
        lanes.remove(lane.chatId);
      }
    }
  }

  private void drain(Lane lane) {
    for (int i = 0; i < TASKS_PER_TURN; i++) {
      Runnable next;
      synchronized (lanes) {
        next = lane.tasks.poll();
        if (next == null) {
          lane.scheduled = false;
          lanes.remove(lane.chatId);
          return;
        }
      }
      next.run();
    }
    schedule(lane); // more waiting: go to the back of the pool's queue, fair to other chats
  }

  /** Stops taking tasks; waits up to the timeout for the running ones. */
  void shutdown(long timeout, TimeUnit unit) {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(timeout, unit)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static final class Lane {
    final long chatId;
    final Queue<Runnable> tasks = new ArrayDeque<>();
    boolean scheduled;

    Lane(long chatId) {
      this.chatId = chatId;
    }
  }
}
