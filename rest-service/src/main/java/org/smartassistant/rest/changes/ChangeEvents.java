package org.smartassistant.rest.changes;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a change event in the outbox table within the transaction of the change; after the commit
 * the {@link ChangeRelay} adds it to the kind's Redis stream. A rolled-back change therefore
 * publishes nothing, and a committed one is published even if Redis is away for a while.
 */
@Component
public class ChangeEvents {

  private static final Object WAKE_KEY = new Object();

  private final JdbcTemplate jdbc;
  private final ChangeRelay relay;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  ChangeEvents(JdbcTemplate jdbc, ChangeRelay relay, Clock clock) {
    this.jdbc = jdbc;
    this.relay = relay;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(ChangeKind kind, Object id, ChangeType change, Map<String, String> attrs) {
    Instant now = clock.instant();
    jdbc.update(
        "INSERT INTO change_outbox (kind, entity_id, change, attrs, occurred_at)"
            + " VALUES (?, ?, ?, ?, ?)",
        kind.value(),
        String.valueOf(id),
        change.value(),
        json.writeValueAsString(attrs == null ? Map.of() : attrs),
        Timestamp.from(now));
    wakeRelayAfterCommit();
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(ChangeKind kind, Object id, ChangeType change) {
    record(kind, id, change, Map.of());
  }

  private void wakeRelayAfterCommit() {
    if (TransactionSynchronizationManager.hasResource(WAKE_KEY)) {
      return;
    }
    TransactionSynchronizationManager.bindResource(WAKE_KEY, Boolean.TRUE);
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(WAKE_KEY);
            if (status == STATUS_COMMITTED) {
              relay.wake();
            }
          }
        });
  }
}
