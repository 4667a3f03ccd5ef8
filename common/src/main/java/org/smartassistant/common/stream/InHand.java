package org.smartassistant.common.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.LongFunction;

/**
 * The entries a {@link StreamConsumer} holds (read or reclaimed, not yet acknowledged or
 * abandoned), and the lanes of their users: each user's deliveries wait in id order and are handled
 * one at a time. Bounds how much is held, so that other instances of the group get the rest. All of
 * it is guarded by one lock.
 */
final class InHand {

  /** The deliveries of one user held here, handled one at a time in id order. */
  static final class Lane {
    private final long userId;
    private final PriorityQueue<Delivery> queue = new PriorityQueue<>();

    /** A step of this lane is queued, running or timed: no second one may be started. */
    private boolean active;

    /** The timer of a step that waits for its delivery's time, or null. */
    private ScheduledFuture<?> wakeUp;

    private Lane(long userId) {
      this.userId = userId;
    }
  }

  private final int maxUsers;
  private final int maxEntries;
  private final int batchSize;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition released = lock.newCondition();
  private final Set<String> recordIds = new HashSet<>();
  private final Map<Long, Lane> lanes = new HashMap<>();

  /**
   * @param maxUsers how many users may have entries in hand
   * @param maxEntries how many entries may be in hand
   * @param batchSize at most this many are taken at once
   */
  InHand(int maxUsers, int maxEntries, int batchSize) {
    this.maxUsers = maxUsers;
    this.maxEntries = maxEntries;
    this.batchSize = batchSize;
  }

  /** Takes an entry into hand; false if it is in hand already. */
  boolean take(String recordId) {
    lock.lock();
    try {
      return recordIds.add(recordId);
    } finally {
      lock.unlock();
    }
  }

  /** Lets go of an entry (acknowledged, or left pending for another consumer). */
  void release(String recordId) {
    lock.lock();
    try {
      if (recordIds.remove(recordId)) {
        released.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  List<String> recordIds() {
    lock.lock();
    try {
      return List.copyOf(recordIds);
    } finally {
      lock.unlock();
    }
  }

  /**
   * How many more entries to take now, at most a batch. Either limit may be passed by up to one
   * batch, since the users of entries are known only once they are read.
   */
  int room() {
    lock.lock();
    try {
      return roomNow();
    } finally {
      lock.unlock();
    }
  }

  private int roomNow() {
    if (lanes.size() >= maxUsers) {
      return 0;
    }
    return Math.min(batchSize, maxEntries - recordIds.size());
  }

  /**
   * Waits up to {@code timeout} for room; returns how many entries may be taken (0 when there is
   * none, or when {@code running} turned false).
   */
  int awaitRoom(Duration timeout, BooleanSupplier running) throws InterruptedException {
    long left = timeout.toNanos();
    lock.lock();
    try {
      int room;
      while ((room = roomNow()) <= 0 && running.getAsBoolean()) {
        if (left <= 0) {
          return 0;
        }
        left = released.awaitNanos(left);
      }
      return Math.max(0, room);
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeout} until nothing is in hand; false if something still is. */
  boolean awaitEmpty(Duration timeout) {
    long left = timeout.toNanos();
    lock.lock();
    try {
      while (!recordIds.isEmpty()) {
        if (left <= 0) {
          return false;
        }
        left = released.awaitNanos(left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues a delivery (taken into hand before) in its user's lane.
   *
   * @return the lane when a step of it is to be started now, else null (a step is under way)
   */
  Lane enqueue(Delivery delivery) {
    lock.lock();
    try {
      Lane lane = lanes.computeIfAbsent(delivery.envelope.userId(), Lane::new);
      lane.queue.add(delivery);
      if (!lane.active) {
        lane.active = true;
        return lane;
      }
      if (lane.wakeUp != null && lane.queue.peek() == delivery && lane.wakeUp.cancel(false)) {
        // an earlier entry arrived (e.g. reclaimed) while the lane waited for it
        lane.wakeUp = null;
        return lane;
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * The lane's first delivery if its time has come. Otherwise null, and: an empty lane is closed; a
   * lane whose first delivery must wait gets a wake-up from {@code wakeAfter} (given the
   * nanoseconds to wait; null when it cannot schedule), or is abandoned when not {@code running}.
   */
  Delivery nextDue(Lane lane, BooleanSupplier running, LongFunction<ScheduledFuture<?>> wakeAfter) {
    lock.lock();
    try {
      Delivery delivery = lane.queue.peek();
      if (delivery == null) {
        lane.active = false;
        lanes.remove(lane.userId);
        released.signalAll();
        return null;
      }
      long waitNanos = delivery.notBeforeNanos() - System.nanoTime();
      if (waitNanos <= 0) {
        return delivery;
      }
      ScheduledFuture<?> wakeUp = running.getAsBoolean() ? wakeAfter.apply(waitNanos) : null;
      if (wakeUp == null) {
        abandon(lane);
      } else {
        lane.wakeUp = wakeUp;
      }
      return null;
    } finally {
      lock.unlock();
    }
  }

  /** The lane's timer fired. */
  void wokeUp(Lane lane) {
    lock.lock();
    try {
      lane.wakeUp = null;
    } finally {
      lock.unlock();
    }
  }

  /** The delivery is finished (acknowledged, or abandoned): out of its lane and out of hand. */
  void finished(Lane lane, Delivery delivery) {
    lock.lock();
    try {
      lane.queue.remove(delivery);
      if (recordIds.remove(delivery.recordId)) {
        released.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Leaves every lane that waits for a timer pending in Redis: for a stop. */
  void abandonWaitingLanes() {
    lock.lock();
    try {
      for (Lane lane : new ArrayList<>(lanes.values())) {
        if (lane.wakeUp != null && lane.wakeUp.cancel(false)) {
          lane.wakeUp = null;
          abandon(lane);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Leaves all of a lane's entries pending; called with the lock held. */
  private void abandon(Lane lane) {
    for (Delivery delivery : lane.queue) {
      recordIds.remove(delivery.recordId);
    }
    lane.queue.clear();
    lane.active = false;
    lanes.remove(lane.userId);
    released.signalAll();
  }
}
