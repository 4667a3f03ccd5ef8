package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

/**
 * The limits on what one user may ask of the scheduler, at their defaults: recurring reminders at
 * least 5 minutes apart, at most 100 active reminders per user.
 */
class ReminderLimitsTest extends RestServiceTest {

  private static final int MAX_ACTIVE = 100;

  @Test
  void aCronFiringEveryMinuteIsRefusedOnCreateNamingTheFieldAndTheMinimum() {
    long user = newUser();

    for (String cron : List.of("* * * * *", "*/2 * * * *", "0,1 9 * * *")) {
      Api.Response refused = createRecurring(user, cron);

      assertThat(refused.status()).as(cron).isEqualTo(400);
      assertThat(refused.isProblem()).isTrue();
      assertThat(refused.errorFields()).containsExactly("cronExpression");
      assertThat(refused.json().get("errors").get(0).get("message").asString())
          .contains("at least 5 minutes apart");
    }
    assertThat(api().get("/api/reminders?userId=" + user).json().get("totalElements").asLong())
        .isZero();
  }

  @Test
  void everyFiveMinutesAndDailyAreAccepted() {
    long user = newUser();

    assertThat(createRecurring(user, "*/5 * * * *").status()).isEqualTo(201);
    assertThat(createRecurring(user, "0 9 * * *").status()).isEqualTo(201);
  }

  @Test
  void aCronFiringEveryMinuteIsRefusedOnUpdateAndTheReminderKeepsItsSchedule() {
    long user = newUser();
    String id = createRecurring(user, "0 9 * * *").text("id");

    Api.Response refused =
        api().patch("/api/reminders/" + id, Api.json("cronExpression", "* * * * *"));
    Api.Response accepted =
        api().patch("/api/reminders/" + id, Api.json("cronExpression", "*/5 * * * *"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.errorFields()).containsExactly("cronExpression");
    assertThat(refused.json().get("errors").get(0).get("message").asString())
        .contains("at least 5 minutes apart");
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(api().get("/api/reminders/" + id).text("cronExpression")).isEqualTo("*/5 * * * *");
  }

  @Test
  void theHundredAndFirstActiveReminderIsRefusedAndACancelledOneFreesAPlace() {
    long user = newUser();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < MAX_ACTIVE; i++) {
      Api.Response created = createOneTime(user);
      assertThat(created.status()).as(created.toString()).isEqualTo(201);
      ids.add(created.text("id"));
    }

    Api.Response refused = createOneTime(user);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.isProblem()).isTrue();
    assertThat(refused.text("detail"))
        .contains("already has 100 active reminders")
        .contains("the most allowed is 100");

    api().patch("/api/reminders/" + ids.get(0), Api.json("status", "cancelled"));
    assertThat(createOneTime(user).status()).isEqualTo(201);
    assertThat(createOneTime(user).status()).isEqualTo(409);
  }

  @Test
  void resumingAPausedReminderCountsAgainstTheLimit() {
    long user = newUser();
    String paused = createOneTime(user).text("id");
    api().patch("/api/reminders/" + paused, Api.json("status", "paused"));
    fillWithActiveReminders(user, MAX_ACTIVE);

    Api.Response refused = api().patch("/api/reminders/" + paused, Api.json("status", "active"));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.text("detail")).contains("already has 100 active reminders");
    assertThat(api().get("/api/reminders/" + paused).text("status")).isEqualTo("paused");
  }

  @Test
  void concurrentCreatesCannotExceedTheLimit() throws Exception {
    long user = newUser();
    int room = 5;
    fillWithActiveReminders(user, MAX_ACTIVE - room);
    int attempts = 20;
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < attempts; i++) {
        Callable<Integer> create =
            () -> {
              start.await();
              return createOneTime(user).status();
            };
        answers.add(pool.submit(create));
      }
      start.countDown();
      int created = 0;
      int refused = 0;
      for (Future<Integer> answer : answers) {
        int status = answer.get();
        if (status == 201) {
          created++;
        } else if (status == 409) {
          refused++;
        }
      }
      assertThat(created).isEqualTo(room);
      assertThat(refused).isEqualTo(attempts - room);
    } finally {
      pool.shutdownNow();
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM reminders WHERE user_id = ? AND status = 'active'",
                Long.class,
                user))
        .isEqualTo(MAX_ACTIVE);
  }

  /** Active one-time reminders written straight into the table, to reach the limit quickly. */
  private void fillWithActiveReminders(long user, int count) {
    Instant at = Instant.now().plus(1, ChronoUnit.DAYS);
    for (int i = 0; i < count; i++) {
      jdbc.update(
          "INSERT INTO reminders (id, user_id, type, trigger_at, timezone, text, status,"
              + " next_trigger_at, created_at, updated_at)"
              + " VALUES (?, ?, 'one_time', ?, 'UTC', 'filler', 'active', ?, now(), now())",
          UUID.randomUUID(),
          user,
          java.sql.Timestamp.from(at),
          java.sql.Timestamp.from(at));
    }
  }
}
