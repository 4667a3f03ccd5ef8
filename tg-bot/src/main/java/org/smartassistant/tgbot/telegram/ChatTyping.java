package org.smartassistant.tgbot.telegram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * "typing…" in a chat while the assistant works on a message: shown when the message is in the
 * inbox and renewed every {@code smart.telegram.typing.every} (Telegram shows it about 5 s) until
 * the first draft or answer for the chat is handled, or {@code at-most} has passed. A chat is
 * {@linkplain #expect expected} to be answered before its message goes into the inbox, so an answer
 * that comes before the indicator was first shown stops it from being shown at all; {@link #stop}
 * waits for a renewal in flight, so no "typing…" leaves after the answer. Per instance: with
 * several tg-bot instances, an answer delivered by another one ends the indicator only at the
 * bound.
 */
@Component
public class ChatTyping implements DisposableBean {

  private final TelegramSender sender;
  private final TypingProperties properties;
  private final ScheduledThreadPoolExecutor timer =
      new ScheduledThreadPoolExecutor(1, DaemonThreads.named("chat-typing"));
  private final Map<Long, Typing> chats = new ConcurrentHashMap<>();

  ChatTyping(TelegramSender sender, TypingProperties properties) {
    this.sender = sender;
    this.properties = properties;
    timer.setRemoveOnCancelPolicy(true);
  }

  /** The chat's message is about to go into the inbox: an answer is now expected. */
  public void expect(long chatId) {
    Typing previous =
        chats.put(chatId, new Typing(System.nanoTime() + properties.atMost().toNanos()));
    if (previous != null) {
      previous.end();
    }
  }

  /** Shows "typing…" now and keeps it up, unless the chat was answered meanwhile. */
  public void start(long chatId) {
    Typing typing = chats.get(chatId);
    if (typing == null) {
      return;
    }
    typing.lock.lock();
    try {
      if (typing.ended) {
        return;
      }
      sender.typing(chatId);
      long every = properties.every().toNanos();
      typing.renewal =
          timer.scheduleWithFixedDelay(
              () -> renew(chatId, typing), every, every, TimeUnit.NANOSECONDS);
    } finally {
      typing.lock.unlock();
    }
  }

  /** A draft or an answer for the chat is being delivered: no more "typing…". */
  public void stop(long chatId) {
    Typing typing = chats.remove(chatId);
    if (typing != null) {
      typing.end();
    }
  }

  private void renew(long chatId, Typing typing) {
    typing.lock.lock();
    try {
      if (typing.ended) {
        return;
      }
      if (System.nanoTime() - typing.until >= 0) {
        chats.remove(chatId, typing);
        typing.end();
        return;
      }
      sender.typing(chatId);
    } finally {
      typing.lock.unlock();
    }
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }

  /**
   * One expected answer; guarded by its own lock, held while "typing…" is sent: a lock rather than
   * a monitor, so that a stream handler on a virtual thread that waits for it does not hold its
   * carrier thread on Java 21 to 23 (docs/operations.md, "Virtual threads").
   */
  private static final class Typing {
    private final ReentrantLock lock = new ReentrantLock();
    private final long until;
    private boolean ended;
    private ScheduledFuture<?> renewal;

    Typing(long until) {
      this.until = until;
    }

    void end() {
      lock.lock();
      try {
        ended = true;
        if (renewal != null) {
          renewal.cancel(false);
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
