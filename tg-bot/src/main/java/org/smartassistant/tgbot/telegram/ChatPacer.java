package org.smartassistant.tgbot.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Paces sent messages: per chat a burst and then a steady rate, and a global rate over all chats (a
 * generic cell rate algorithm: each send reserves the next slot, so concurrent senders queue
 * fairly). A 429 from Telegram pauses the chat for its {@code retry_after}. Limits hold per
 * instance.
 */
public class ChatPacer {

  private static final int TRIM_ABOVE = 10_000;

  private final Cell global;
  private final long chatIntervalNanos;
  private final long chatToleranceNanos;
  private final Map<Long, Cell> chats = new ConcurrentHashMap<>();
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  public ChatPacer(TelegramProperties.Rate rate) {
    this(rate, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  /** With a clock and a way to wait of the caller's choosing: for tests. */
  ChatPacer(TelegramProperties.Rate rate, LongSupplier nanoTime, Sleeper sleeper) {
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.global = Cell.of(rate.globalPerSecond(), rate.globalBurst());
    Cell prototype = Cell.of(rate.perChatPerSecond(), rate.perChatBurst());
    this.chatIntervalNanos = prototype.intervalNanos;
    this.chatToleranceNanos = prototype.toleranceNanos;
  }

  /** Waits until a message may be sent to the chat, and takes the slot. */
  public void acquire(long chatId) throws InterruptedException {
    long now = nanoTime.getAsLong();
    long wait = Math.max(chat(chatId).reserve(now), global.reserve(now));
    if (wait > 0) {
      sleeper.sleep(wait);
    }
  }

  /** Holds every message to the chat back for the time Telegram asked for. */
  public void pause(long chatId, Duration duration) {
    chat(chatId).holdUntil(nanoTime.getAsLong() + duration.toNanos());
  }

  private Cell chat(long chatId) {
    if (chats.size() > TRIM_ABOVE) {
      long now = nanoTime.getAsLong();
      chats.values().removeIf(cell -> cell.idleAt(now));
    }
    return chats.computeIfAbsent(chatId, id -> new Cell(chatIntervalNanos, chatToleranceNanos));
  }

  /** Waits a number of nanoseconds. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** One rate: the theoretical arrival time of the next message and how far ahead it may run. */
  private static final class Cell {
    final long intervalNanos;
    final long toleranceNanos;
    private long theoreticalArrival = Long.MIN_VALUE;

    Cell(long intervalNanos, long toleranceNanos) {
      this.intervalNanos = intervalNanos;
      this.toleranceNanos = toleranceNanos;
    }

    static Cell of(double perSecond, int burst) {
      if (perSecond <= 0) {
        return new Cell(0, 0);
      }
      long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
      return new Cell(interval, interval * (Math.max(1, burst) - 1L));
    }

    /** Reserves the next slot; returns how long to wait for it (0 when it is free now). */
    synchronized long reserve(long now) {
      if (intervalNanos == 0 && theoreticalArrival == Long.MIN_VALUE) {
        return 0;
      }
      long arrival = theoreticalArrival == Long.MIN_VALUE ? now : Math.max(theoreticalArrival, now);
      long wait = Math.max(0, arrival - toleranceNanos - now);
      theoreticalArrival = arrival + intervalNanos;
      return wait;
    }

    synchronized void holdUntil(long until) {
      long asArrival = until + toleranceNanos;
      if (theoreticalArrival == Long.MIN_VALUE || theoreticalArrival - asArrival < 0) {
        theoreticalArrival = asArrival;
      }
    }

    synchronized boolean idleAt(long now) {
      return theoreticalArrival == Long.MIN_VALUE || theoreticalArrival - now < 0;
    }
  }
}
