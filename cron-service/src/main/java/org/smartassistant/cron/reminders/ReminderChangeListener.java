package org.smartassistant.cron.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeStreams;
import org.smartassistant.common.events.ChangeType;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reconciles a reminder as soon as rest-service reports a change of it: reads {@code
 * changes:reminder} in the consumer group {@code cron-service}, so each event is handled by one
 * instance of the cluster (they share the Quartz tables). An event that cannot be handled (Redis or
 * rest-service away) is left to the next pull, which comes within a minute.
 */
@Component
class ReminderChangeListener implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReminderChangeListener.class);
  private static final String STREAM = ChangeKind.REMINDER.stream();
  private static final byte[] STREAM_KEY = STREAM.getBytes(StandardCharsets.UTF_8);
  private static final String GROUP = ChangeStreams.CRON_GROUP;
  private static final long PAUSE_AFTER_ERROR_MS = 1000;

  /** Consumers of earlier runs of the service idle this long are removed from the group. */
  private static final Duration STALE_CONSUMER = Duration.ofHours(1);

  private final StringRedisTemplate redis;
  private final ReminderScheduler reminders;
  private final SchedulerProperties properties;
  private final String consumer;
  private volatile boolean running;
  private volatile boolean groupReady;
  private Thread reader;

  ReminderChangeListener(
      StringRedisTemplate redis, ReminderScheduler reminders, SchedulerProperties properties) {
    this.redis = redis;
    this.reminders = reminders;
    this.properties = properties;
    String host = System.getenv("HOSTNAME");
    this.consumer =
        (host == null || host.isBlank() ? "cron-service" : host)
            + "-"
            + ProcessHandle.current().pid();
  }

  @Override
  public synchronized void start() {
    running = true;
    // created before the first pull starts, so no change made during that pull goes unheard
    ensureGroup();
    reader = new Thread(this::readLoop, "reminder-changes");
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread thread = reader;
    reader = null;
    if (thread != null) {
      try {
        thread.join(properties.changeBlock().toMillis() + 2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the pull (lower phase) and stops after it. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 1;
  }

  private void ensureGroup() {
    try {
      redis.execute(
          (RedisCallback<String>)
              connection ->
                  connection
                      .streamCommands()
                      .xGroupCreate(STREAM_KEY, GROUP, ReadOffset.latest(), true));
      groupReady = true;
    } catch (DataAccessException e) {
      if (mentions(e, "BUSYGROUP")) {
        groupReady = true;
        removeStaleConsumers();
      } else {
        log.warn("cannot create the group {} on {} yet: {}", GROUP, STREAM, e.toString());
      }
    }
  }

  /**
   * Every start reads under a new name (host and pid); the names of stopped instances would pile up
   * in the group, with whatever they left unacknowledged. Their events are long covered by the
   * pulls since, so they are dropped with them.
   */
  private void removeStaleConsumers() {
    try {
      for (StreamInfo.XInfoConsumer other : redis.opsForStream().consumers(STREAM, GROUP)) {
        if (!other.consumerName().equals(consumer)
            && other.idleTimeMs() > STALE_CONSUMER.toMillis()) {
          redis.opsForStream().deleteConsumer(STREAM, Consumer.from(GROUP, other.consumerName()));
        }
      }
    } catch (DataAccessException e) {
      log.debug("could not tidy the consumers of {}: {}", GROUP, e.toString());
    }
  }

  private void readLoop() {
    RedisConnection connection = null;
    while (running) {
      try {
        if (!groupReady) {
          ensureGroup();
          if (!groupReady) {
            pause();
            continue;
          }
        }
        if (connection == null || connection.isClosed()) {
          // blocking reads get a connection of their own, never the shared one
          connection = redis.getRequiredConnectionFactory().getConnection();
        }
        @SuppressWarnings("unchecked")
        List<ByteRecord> records =
            connection
                .streamCommands()
                .xReadGroup(
                    Consumer.from(GROUP, consumer),
                    StreamReadOptions.empty().count(100).block(properties.changeBlock()),
                    StreamOffset.create(STREAM_KEY, ReadOffset.lastConsumed()));
        if (records == null) {
          continue;
        }
        for (ByteRecord record : records) {
          handle(record);
          redis.opsForStream().acknowledge(STREAM, GROUP, record.getId());
        }
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        if (mentions(e, "NOGROUP")) {
          // the stream was removed (e.g. Redis lost its data): create the group again
          groupReady = false;
        }
        log.warn("reading reminder changes failed: {}", e.toString());
        connection = close(connection);
        pause();
      }
    }
    close(connection);
  }

  private void handle(ByteRecord record) {
    Map<String, String> fields = new LinkedHashMap<>();
    record
        .getValue()
        .forEach(
            (field, value) ->
                fields.put(
                    new String(field, StandardCharsets.UTF_8),
                    new String(value, StandardCharsets.UTF_8)));
    UUID id;
    ChangeEvent event;
    try {
      event = ChangeEvent.fromFields(fields);
      id = UUID.fromString(event.id());
    } catch (IllegalArgumentException e) {
      log.warn("ignoring unreadable reminder change {}: {}", record.getId(), e.getMessage());
      return;
    }
    try {
      if (event.change() == ChangeType.DELETED) {
        reminders.remove(id);
      } else {
        reminders.reconcile(id);
      }
      log.debug("reminder {} {}: reconciled", id, event.change().value());
    } catch (RuntimeException e) {
      log.warn("reminder {} changed but could not be reconciled now: {}", id, e.toString());
    }
  }

  private void pause() {
    try {
      Thread.sleep(PAUSE_AFTER_ERROR_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private static RedisConnection close(RedisConnection connection) {
    if (connection != null) {
      try {
        connection.close();
      } catch (RuntimeException ignored) {
        // a broken connection is being thrown away anyway
      }
    }
    return null;
  }

  private static boolean mentions(Throwable e, String word) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(word)) {
        return true;
      }
    }
    return false;
  }
}
