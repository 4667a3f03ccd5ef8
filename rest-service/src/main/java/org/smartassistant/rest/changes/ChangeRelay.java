package org.smartassistant.rest.changes;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Moves change events from the outbox table to their Redis streams, oldest first: woken after each
 * committed change and, for whatever is left (Redis was away), every {@code
 * smart.changes.relay-interval}. One relay at a time across instances (an advisory lock) keeps the
 * order; an event is deleted from the outbox only after Redis accepted it (at-least-once).
 */
@Component
public class ChangeRelay implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(ChangeRelay.class);
  private static final long LOCK_KEY = 0x5A_11_C4_A9_E5L;
  private static final int BATCH = 200;

  private final JdbcTemplate jdbc;
  private final StringRedisTemplate redis;
  private final TransactionTemplate transactions;
  private final ChangeEventsProperties properties;
  private final JsonMapper json = JsonMapper.builder().build();
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(DaemonThreads.named("change-relay"));
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private volatile boolean failing;

  ChangeRelay(
      JdbcTemplate jdbc,
      StringRedisTemplate redis,
      TransactionTemplate transactions,
      ChangeEventsProperties properties) {
    this.jdbc = jdbc;
    this.redis = redis;
    this.transactions = transactions;
    this.properties = properties;
  }

  /** Publishes pending events soon, on the relay's own thread. */
  void wake() {
    if (wakePending.compareAndSet(false, true)) {
      try {
        executor.execute(
            () -> {
              wakePending.set(false);
              publishPending();
            });
      } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
        wakePending.set(false);
      }
    }
  }

  @Scheduled(fixedDelayString = "${smart.changes.relay-interval:5s}")
  void publishLeftovers() {
    publishPending();
  }

  /**
   * Publishes every pending event it can; returns how many. Stops at the first Redis failure and
   * leaves the rest for the next attempt.
   */
  public synchronized int publishPending() {
    int total = 0;
    try {
      while (true) {
        Batch batch = transactions.execute(status -> publishBatch());
        if (batch == null) {
          break;
        }
        total += batch.published();
        if (!batch.more()) {
          break;
        }
      }
      if (failing) {
        log.info("change events are reaching Redis again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("change events could not be published, will retry: {}", e.getMessage());
        failing = true;
      } else {
        log.debug("change events still not published", e);
      }
    }
    return total;
  }

  private Batch publishBatch() {
    Boolean locked =
        jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK_KEY);
    if (!Boolean.TRUE.equals(locked)) {
      return new Batch(0, false); // another instance is relaying right now
    }
    List<Row> rows =
        jdbc.query(
            "SELECT id, kind, entity_id, change, attrs, occurred_at FROM change_outbox"
                + " ORDER BY id LIMIT ?",
            (rs, i) ->
                new Row(
                    rs.getLong("id"),
                    new ChangeEvent(
                        ChangeKind.fromValue(rs.getString("kind")),
                        rs.getString("entity_id"),
                        ChangeType.fromValue(rs.getString("change")),
                        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        readAttrs(rs.getString("attrs")))),
            BATCH);
    List<Long> published = new ArrayList<>();
    RuntimeException failure = null;
    for (Row row : rows) {
      try {
        redis
            .opsForStream()
            .add(
                StreamRecords.newRecord()
                    .in(row.event().stream())
                    .ofMap(new LinkedHashMap<>(row.event().toFields())),
                XAddOptions.maxlen(properties.streamMaxLength()).approximateTrimming(true));
        published.add(row.id());
      } catch (RuntimeException e) {
        failure = e;
        break;
      }
    }
    for (Long id : published) {
      jdbc.update("DELETE FROM change_outbox WHERE id = ?", id);
    }
    if (failure != null) {
      if (published.isEmpty()) {
        throw failure;
      }
      log.warn(
          "published {} change events, then Redis failed: {}",
          published.size(),
          failure.getMessage());
      failing = true;
      return new Batch(published.size(), false);
    }
    return new Batch(published.size(), rows.size() == BATCH);
  }

  private Map<String, String> readAttrs(String text) {
    return json.readValue(text, new TypeReference<Map<String, String>>() {});
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }

  private record Row(long id, ChangeEvent event) {}

  private record Batch(int published, boolean more) {}
}
