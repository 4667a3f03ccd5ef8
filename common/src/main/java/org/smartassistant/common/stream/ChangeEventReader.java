package org.smartassistant.common.stream;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeListener;
import org.smartassistant.common.stream.ChangeSources.Change;
import org.smartassistant.common.stream.ChangeSources.Source;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Reads rest-service's change streams ({@code changes:<kind>}) and hands every event to its {@link
 * ChangeListener}s, on the same {@link ReadLoop} as the {@link StreamConsumer}. Either every
 * instance sees every event ({@link #everyInstance}, for caches), or each event goes to one
 * instance of a consumer group ({@link #oneInstancePerGroup}, for work that a cluster shares). An
 * unreadable event is logged and skipped; a listener that throws is logged and the event counts as
 * handled: change events carry ids, not state, and each listener catches up by other means (a cache
 * by its time to live, the reminder scheduler by its pull).
 *
 * <p>Declared as a bean it starts with the application context, before the beans of the default
 * phase (so that nothing they change at start goes unheard), and stops after them.
 */
public final class ChangeEventReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChangeEventReader.class);
  private static final int BATCH_SIZE = 100;

  private final Source source;
  private final List<ChangeListener> listeners;
  private final Duration block;
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile ReadLoop loop;

  private ChangeEventReader(
      Source source, List<? extends ChangeListener> listeners, Duration block) {
    this.source = source;
    this.listeners = List.copyOf(listeners);
    this.block = block;
  }

  /**
   * A reader with which every instance sees every event of the given kinds published while it runs.
   * On start the listeners are told of {@link ChangeListener#missedChanges()}.
   *
   * @param block how long one read waits for new events; must stay well below the Redis command
   *     timeout, or an idle read fails as a timed-out command
   */
  public static ChangeEventReader everyInstance(
      StringRedisTemplate redis,
      Collection<ChangeKind> kinds,
      Duration block,
      List<? extends ChangeListener> listeners) {
    return new ChangeEventReader(ChangeSources.fromNewest(redis, kinds), listeners, block);
  }

  /**
   * A reader of one kind's stream in a consumer group: each event goes to one instance of the
   * group, and is acknowledged when the listeners had it. A new group starts with the events
   * published from then on; the group is created when the reader starts.
   */
  public static ChangeEventReader oneInstancePerGroup(
      StringRedisTemplate redis,
      ChangeKind kind,
      String group,
      Duration block,
      List<? extends ChangeListener> listeners) {
    return new ChangeEventReader(ChangeSources.inGroup(redis, kind, group), listeners, block);
  }

  @Override
  public void start() {
    lifecycle.lock();
    try {
      if (loop != null) {
        return;
      }
      ReadLoop started = new ReadLoop("change-events", source.name(), new Reading());
      started.prepareNow();
      started.start();
      loop = started;
    } finally {
      lifecycle.unlock();
    }
  }

  @Override
  public void stop() {
    lifecycle.lock();
    try {
      if (loop != null) {
        loop.stop(block.plusSeconds(5));
        loop = null;
      }
    } finally {
      lifecycle.unlock();
    }
  }

  @Override
  public boolean isRunning() {
    return loop != null;
  }

  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1;
  }

  private final class Reading implements ReadLoop.Reading {

    @Override
    public void prepare() {
      if (source.prepare()) {
        listeners.forEach(ChangeEventReader::missedChanges);
      }
    }

    @Override
    public void readOnce() {
      for (Change change : source.read(BATCH_SIZE, block)) {
        deliver(change);
        source.done(change);
      }
    }

    @Override
    public void closeConnection() {
      source.closeConnection();
    }
  }

  private void deliver(Change change) {
    ChangeEvent event;
    try {
      event = ChangeEvent.fromFields(change.fields());
    } catch (RuntimeException e) {
      log.warn(
          "skipping unreadable change event {} of {}: {}",
          change.id(),
          change.stream(),
          e.getMessage());
      return;
    }
    for (ChangeListener listener : listeners) {
      try {
        listener.changed(event);
      } catch (RuntimeException e) {
        log.warn(
            "{} could not handle {}: {}", listener.getClass().getSimpleName(), event, e.toString());
      }
    }
  }

  private static void missedChanges(ChangeListener listener) {
    try {
      listener.missedChanges();
    } catch (RuntimeException e) {
      log.warn(
          "{} could not catch up on missed changes: {}",
          listener.getClass().getSimpleName(),
          e.toString());
    }
  }
}
