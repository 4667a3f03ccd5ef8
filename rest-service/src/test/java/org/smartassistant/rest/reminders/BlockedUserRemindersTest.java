package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

/**
 * Runs of a blocked user's reminders are recorded {@code skipped}: not delivered, neither late nor
 * missed; and a removed user's reminders are gone with the user.
 */
class BlockedUserRemindersTest extends RestServiceTest {

  private void block(long user) {
    assertThat(api().patch("/api/users/" + user, Api.json("status", "blocked")).status())
        .isEqualTo(200);
  }

  @Test
  void aSkippedRunOfABlockedUsersOneTimeReminderCancelsItWithoutMarkingItTriggered() {
    long user = newUser();
    Api.Response reminder = createOneTime(user);
    block(user);

    Api.Response run =
        api()
            .post(
                "/api/reminders/" + reminder.text("id") + "/runs",
                Api.json(
                    "scheduledFor",
                    reminder.text("triggerAt"),
                    "status",
                    "skipped",
                    "detail",
                    "user blocked"));
    Api.Response after = api().get("/api/reminders/" + reminder.text("id"));

    assertThat(run.status()).isEqualTo(201);
    assertThat(run.text("status")).isEqualTo("skipped");
    assertThat(api().get("/api/reminders/" + reminder.text("id") + "/runs").json().toString())
        .contains("\"status\":\"skipped\"");
    assertThat(after.text("status")).isEqualTo("cancelled");
    assertThat(after.json().get("lastTriggeredAt").isNull()).isTrue();
    assertThat(after.json().get("nextTriggerAt").isNull()).isTrue();
  }

  @Test
  void aSkippedRunMovesABlockedUsersRecurringReminderToItsNextTime() {
    long user = newUser();
    Api.Response reminder =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    user,
                    "type",
                    "recurring",
                    "cronExpression",
                    "0 9 * * *",
                    "timezone",
                    "UTC",
                    "text",
                    "plan the day"));
    Instant scheduledFor = Instant.parse(reminder.text("nextTriggerAt"));
    block(user);

    Api.Response run =
        api()
            .post(
                "/api/reminders/" + reminder.text("id") + "/runs",
                Api.json("scheduledFor", scheduledFor.toString(), "status", "skipped"));
    Api.Response after = api().get("/api/reminders/" + reminder.text("id"));

    assertThat(run.status()).isEqualTo(201);
    assertThat(after.text("status")).isEqualTo("active");
    assertThat(after.json().get("lastTriggeredAt").isNull()).isTrue();
    assertThat(Instant.parse(after.text("nextTriggerAt")))
        .isEqualTo(scheduledFor.plus(1, ChronoUnit.DAYS));
  }

  @Test
  void aSkippedRunIsRefusedForAUserWhoIsNotBlocked() {
    long user = newUser();
    Api.Response reminder = createOneTime(user);

    Api.Response run =
        api()
            .post(
                "/api/reminders/" + reminder.text("id") + "/runs",
                Api.json("scheduledFor", reminder.text("triggerAt"), "status", "skipped"));

    assertThat(run.status()).isEqualTo(400);
    assertThat(run.errorFields()).containsExactly("status");
    assertThat(api().get("/api/reminders/" + reminder.text("id")).text("status"))
        .isEqualTo("active");
  }

  @Test
  void aRemovedUsersRemindersAreGoneAndNoLongerScheduled() {
    long user = newUser();
    String id = createOneTime(user).text("id");

    assertThat(api().delete("/api/users/" + user).status()).isEqualTo(204);

    assertThat(api().get("/api/reminders/" + id).status()).isEqualTo(404);
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM reminders WHERE id = ?::uuid", Long.class, id))
        .isZero();
    assertThat(
            api()
                .post(
                    "/api/reminders/" + id + "/runs",
                    Api.json("scheduledFor", Instant.now().toString(), "status", "delivered"))
                .status())
        .isEqualTo(404);
  }
}
