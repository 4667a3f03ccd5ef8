package org.smartassistant.assistant.secretary;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Follows rest-service's change streams ({@code changes:<kind>}) and hands every event to the
 * {@link ChangeSubscriber}s. Each instance reads with a plain XREAD from where the streams stood
 * when it started, without a consumer group, because every instance must see every event. Events
 * published while no instance listened are covered by {@link ChangeSubscriber#missedChanges()} at
 * start and by the caches' time to live.
 */
@Component
class ChangeEventReader implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ChangeEventReader.class);
  private static final long MAX_PAUSE_MILLIS = 5_000;

  private final StringRedisTemplate redis;
  private final List<ChangeSubscriber> subscribers;
  private final CacheProperties properties;
  private final Map<String, String> positions = new LinkedHashMap<>();
  private volatile boolean running;
  private Thread thread;
  private RedisConnection connection;

  ChangeEventReader(
      StringRedisTemplate redis, List<ChangeSubscriber> subscribers, CacheProperties properties) {
    this.redis = redis;
    this.subscribers = subscribers;
    this.properties = properties;
  }

  @Override
  public synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    thread = new Thread(this::readLoop, "change-events");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    Thread reader;
    synchronized (this) {
      running = false;
      reader = thread;
      thread = null;
    }
    if (reader != null) {
      try {
        reader.join(properties.changePollTimeout().toMillis() + 1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void readLoop() {
    long pauseMillis = 100;
    boolean positioned = false;
    while (running) {
      try {
        if (!positioned) {
          positionAtEnd();
          // what changed before this point was not seen by this instance
          subscribers.forEach(this::missedChanges);
          positioned = true;
        }
        readOnce();
        pauseMillis = 100;
      } catch (RuntimeException e) {
        if (!running) {
          break;
        }
        closeConnection();
        log.warn("reading change events failed, again in {} ms: {}", pauseMillis, e.toString());
        sleep(pauseMillis);
        pauseMillis = Math.min(MAX_PAUSE_MILLIS, pauseMillis * 2);
      }
    }
    closeConnection();
  }

  /** Starts after the newest entry of every change stream (an absent stream: from its start). */
  private void positionAtEnd() {
    positions.clear();
    for (ChangeKind kind : ChangeKind.values()) {
      var newest =
          redis
              .opsForStream()
              .reverseRange(kind.stream(), Range.unbounded(), Limit.limit().count(1));
      positions.put(
          kind.stream(),
          newest == null || newest.isEmpty() ? "0-0" : newest.get(0).getId().getValue());
    }
  }

  private void readOnce() {
    if (connection == null || connection.isClosed()) {
      connection = redis.getRequiredConnectionFactory().getConnection();
    }
    StreamOffset<byte[]>[] offsets =
        positions.entrySet().stream()
            .map(
                position ->
                    StreamOffset.create(
                        position.getKey().getBytes(StandardCharsets.UTF_8),
                        ReadOffset.from(position.getValue())))
            .toArray(StreamOffset[]::new);
    List<ByteRecord> records =
        connection
            .streamCommands()
            .xRead(
                StreamReadOptions.empty().count(100).block(properties.changePollTimeout()),
                offsets);
    if (records == null) {
      return;
    }
    for (ByteRecord record : records) {
      String stream = new String(record.getStream(), StandardCharsets.UTF_8);
      positions.put(stream, record.getId().getValue());
      Map<String, String> fields = new LinkedHashMap<>();
      record
          .getValue()
          .forEach(
              (field, value) ->
                  fields.put(
                      new String(field, StandardCharsets.UTF_8),
                      new String(value, StandardCharsets.UTF_8)));
      ChangeEvent event;
      try {
        event = ChangeEvent.fromFields(fields);
      } catch (RuntimeException e) {
        log.warn(
            "skipping unreadable change event {} of {}: {}",
            record.getId(),
            stream,
            e.getMessage());
        continue;
      }
      for (ChangeSubscriber subscriber : subscribers) {
        try {
          subscriber.changed(event);
        } catch (RuntimeException e) {
          log.warn(
              "{} could not handle {}: {}",
              subscriber.getClass().getSimpleName(),
              event,
              e.toString());
        }
      }
    }
  }

  private void missedChanges(ChangeSubscriber subscriber) {
    try {
      subscriber.missedChanges();
    } catch (RuntimeException e) {
      log.warn(
          "{} could not drop its cache: {}", subscriber.getClass().getSimpleName(), e.toString());
    }
  }

  private void closeConnection() {
    RedisConnection current = connection;
    connection = null;
    if (current != null) {
      try {
        current.close();
      } catch (RuntimeException ignored) {
        // it is being replaced anyway
      }
    }
  }

  private void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
