package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.ScheduledRemindersPage;
import org.smartassistant.rest.RestServiceTest;

/** The scheduler's pull: every active reminder, exactly once, through the cursor. */
class ScheduledRemindersTest extends RestServiceTest {

  @Test
  void aClientFollowingTheCursorReceivesEveryActiveReminderExactlyOnce() {
    long user = newUser();
    Set<UUID> active = insertReminders(user, 2_500, "active");
    Set<UUID> inactive = new HashSet<>();
    inactive.addAll(insertReminders(user, 40, "paused"));
    inactive.addAll(insertReminders(user, 40, "completed"));
    inactive.addAll(insertReminders(user, 40, "cancelled"));
    RestServiceClient client = client();

    Map<UUID, Integer> received = new HashMap<>();
    UUID cursor = null;
    int pages = 0;
    do {
      ScheduledRemindersPage page = client.scheduledReminders(cursor, 300);
      for (ReminderDto reminder : page.items()) {
        received.merge(reminder.id(), 1, Integer::sum);
        assertThat(reminder.status()).isEqualTo(ReminderStatus.ACTIVE);
      }
      assertThat(page.items()).hasSizeLessThanOrEqualTo(300);
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null);

    assertThat(received.keySet()).containsAll(active);
    assertThat(received.values()).allMatch(count -> count == 1);
    assertThat(received.keySet()).doesNotContainAnyElementsOf(inactive);
    long activeInDatabase =
        jdbc.queryForObject("SELECT count(*) FROM reminders WHERE status = 'active'", Long.class);
    assertThat(received).hasSize((int) activeInDatabase);
    assertThat(pages).isGreaterThanOrEqualTo(9);
  }

  @Test
  void theDefaultPageSizeIsUsedWhenNoneIsGiven() {
    ScheduledRemindersPage page = client().scheduledReminders(null, null);

    assertThat(page.items()).hasSizeLessThanOrEqualTo(500);
  }

  private Set<UUID> insertReminders(long user, int count, String status) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    List<Object[]> rows = new ArrayList<>();
    Set<UUID> ids = new HashSet<>();
    for (int i = 0; i < count; i++) {
      UUID id = UUID.randomUUID();
      ids.add(id);
      Timestamp at = Timestamp.from(now.plus(i + 1, ChronoUnit.MINUTES));
      rows.add(
          new Object[] {
            id, user, at, "reminder " + i, status, at, Timestamp.from(now), Timestamp.from(now)
          });
    }
    jdbc.batchUpdate(
        "INSERT INTO reminders (id, user_id, type, trigger_at, timezone, text, status,"
            + " next_trigger_at, created_at, updated_at)"
            + " VALUES (?, ?, 'one_time', ?, 'UTC', ?, ?, ?, ?, ?)",
        rows);
    return ids;
  }
}
