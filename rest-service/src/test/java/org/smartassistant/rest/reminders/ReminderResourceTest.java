package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

class ReminderResourceTest extends RestServiceTest {

  private static String inAnHour() {
    return Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Test
  void createsAOneTimeReminderInTheUsersZone() {
    long user = newUser();
    api().patch("/api/users/" + user, Api.json("timezone", "Asia/Tokyo"));

    Api.Response created = createOneTime(user);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("type")).isEqualTo("one_time");
    assertThat(created.text("status")).isEqualTo("active");
    assertThat(created.text("timezone")).isEqualTo("Asia/Tokyo");
    assertThat(created.text("nextTriggerAt")).isEqualTo(created.text("triggerAt"));
    assertThat(created.json().get("cronExpression").isNull()).isTrue();
    assertThat(api().get("/api/reminders/" + created.text("id")).text("text"))
        .isEqualTo("call mum");
  }

  @Test
  void createsARecurringReminderWithItsNextFireTime() {
    long user = newUser();

    Api.Response created =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", user,
                    "type", "recurring",
                    "cronExpression", "0  9 * *   1-5",
                    "timezone", "Europe/Berlin",
                    "text", "stand-up"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("cronExpression")).isEqualTo("0 9 * * 1-5");
    assertThat(Instant.parse(created.text("nextTriggerAt"))).isAfter(Instant.now());
    assertThat(created.json().get("triggerAt").isNull()).isTrue();
  }

  @Test
  void refusesABadTimeZoneNamingIt() {
    long user = newUser();

    Api.Response response =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", user,
                    "type", "recurring",
                    "cronExpression", "0 9 * * *",
                    "timezone", "Europe/Atlantis",
                    "text", "x"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("timezone");
  }

  @Test
  void refusesABadCronNamingIt() {
    long user = newUser();

    Api.Response sixFields =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    user,
                    "type",
                    "recurring",
                    "cronExpression",
                    "0 0 9 * * *",
                    "text",
                    "x"));
    Api.Response invalid =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    user,
                    "type",
                    "recurring",
                    "cronExpression",
                    "99 9 * * *",
                    "text",
                    "x"));
    Api.Response never =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    user,
                    "type",
                    "recurring",
                    "cronExpression",
                    "0 9 30 2 *",
                    "text",
                    "x"));

    assertThat(sixFields.status()).isEqualTo(400);
    assertThat(sixFields.errorFields()).containsExactly("cronExpression");
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.errorFields()).containsExactly("cronExpression");
    assertThat(never.status()).isEqualTo(400);
    assertThat(never.errorFields()).containsExactly("cronExpression");
  }

  @Test
  void refusesAOneTimeReminderWithACronNamingIt() {
    long user = newUser();

    Api.Response response =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", user,
                    "type", "one_time",
                    "triggerAt", inAnHour(),
                    "cronExpression", "0 9 * * *",
                    "text", "x"));
    Api.Response withoutTime =
        api().post("/api/reminders", Api.json("userId", user, "type", "one_time", "text", "x"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("cronExpression");
    assertThat(withoutTime.status()).isEqualTo(400);
    assertThat(withoutTime.errorFields()).containsExactly("triggerAt");
  }

  @Test
  void refusesARecurringReminderWithATriggerAtNamingIt() {
    long user = newUser();

    Api.Response response =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", user,
                    "type", "recurring",
                    "cronExpression", "0 9 * * *",
                    "triggerAt", inAnHour(),
                    "text", "x"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("triggerAt");
  }

  @Test
  void refusesUnknownUsersAndTimesInThePast() {
    Api.Response unknownUser =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", 99999999, "type", "one_time", "triggerAt", inAnHour(), "text", "x"));
    Api.Response past =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", newUser(),
                    "type", "one_time",
                    "triggerAt", "2020-01-01T00:00:00Z",
                    "text", "x"));

    assertThat(unknownUser.status()).isEqualTo(400);
    assertThat(unknownUser.errorFields()).containsExactly("userId");
    assertThat(past.status()).isEqualTo(400);
    assertThat(past.errorFields()).containsExactly("triggerAt");
  }

  @Test
  void checksFieldsAgainstTheTypeWhenChanging() {
    long user = newUser();
    String oneTime = createOneTime(user).text("id");

    Api.Response cronOnOneTime =
        api().patch("/api/reminders/" + oneTime, Api.json("cronExpression", "0 9 * * *"));
    Api.Response badZone =
        api().patch("/api/reminders/" + oneTime, Api.json("timezone", "Nowhere"));
    Api.Response moved =
        api()
            .patch(
                "/api/reminders/" + oneTime,
                Api.json("triggerAt", "2099-01-01T10:00:00Z", "text", "call dad"));

    assertThat(cronOnOneTime.status()).isEqualTo(400);
    assertThat(cronOnOneTime.errorFields()).containsExactly("cronExpression");
    assertThat(badZone.errorFields()).containsExactly("timezone");
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.text("nextTriggerAt")).isEqualTo("2099-01-01T10:00:00Z");
    assertThat(moved.text("text")).isEqualTo("call dad");
  }

  @Test
  void allowsOnlyValidStatusTransitions() {
    String id = createOneTime(newUser()).text("id");
    String path = "/api/reminders/" + id;

    Api.Response paused = api().patch(path, Api.json("status", "paused"));
    Api.Response toMissedFromPaused = api().patch(path, Api.json("status", "missed"));
    Api.Response resumed = api().patch(path, Api.json("status", "active"));
    Api.Response cancelled = api().patch(path, Api.json("status", "cancelled"));
    Api.Response cancelledAgain = api().patch(path, Api.json("status", "cancelled"));
    Api.Response revived = api().patch(path, Api.json("status", "active"));

    assertThat(paused.status()).isEqualTo(200);
    assertThat(toMissedFromPaused.status()).isEqualTo(409);
    assertThat(toMissedFromPaused.isProblem()).isTrue();
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelledAgain.status()).as("same status is a no-op").isEqualTo(200);
    assertThat(revived.status()).isEqualTo(409);
    assertThat(revived.text("detail")).contains("cancelled", "active");
  }

  @Test
  void listsRemindersFilteredByUserAndStatus() {
    long user = newUser();
    String active = createOneTime(user).text("id");
    String paused = createOneTime(user).text("id");
    api().patch("/api/reminders/" + paused, Api.json("status", "paused"));
    createOneTime(newUser());

    Api.Response mine = api().get("/api/reminders?userId=" + user);
    Api.Response myPaused = api().get("/api/reminders?userId=" + user + "&status=paused");

    assertThat(mine.json().get("totalElements").asLong()).isEqualTo(2);
    assertThat(myPaused.json().get("items").size()).isEqualTo(1);
    assertThat(myPaused.json().get("items").get(0).get("id").asString()).isEqualTo(paused);
    assertThat(mine.body()).contains(active);
  }

  @Test
  void deletesAReminderAndAnswers404Afterwards() {
    String id = createOneTime(newUser()).text("id");

    assertThat(api().delete("/api/reminders/" + id).status()).isEqualTo(204);

    assertThat(api().get("/api/reminders/" + id).status()).isEqualTo(404);
    assertThat(api().delete("/api/reminders/" + id).status()).isEqualTo(404);
    assertThat(api().patch("/api/reminders/" + id, Api.json("text", "y")).status()).isEqualTo(404);
    assertThat(api().get("/api/reminders/" + id + "/runs").status()).isEqualTo(404);
    assertThat(
            api()
                .post(
                    "/api/reminders/" + id + "/runs",
                    Api.json("scheduledFor", inAnHour(), "status", "delivered"))
                .status())
        .isEqualTo(404);
  }

  @Test
  void recordsARunOnceAndCompletesTheOneTimeReminder() {
    Api.Response reminder = createOneTime(newUser());
    String id = reminder.text("id");
    String scheduledFor = reminder.text("triggerAt");

    Api.Response run =
        api()
            .post(
                "/api/reminders/" + id + "/runs",
                Api.json("scheduledFor", scheduledFor, "status", "delivered"));
    Api.Response duplicate =
        api()
            .post(
                "/api/reminders/" + id + "/runs",
                Api.json("scheduledFor", scheduledFor, "status", "delivered"));
    Api.Response runs = api().get("/api/reminders/" + id + "/runs");
    Api.Response after = api().get("/api/reminders/" + id);

    assertThat(run.status()).isEqualTo(201);
    assertThat(run.text("status")).isEqualTo("delivered");
    assertThat(run.text("firedAt")).isNotNull();
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.isProblem()).isTrue();
    assertThat(runs.json().get("totalElements").asLong()).isEqualTo(1);
    assertThat(after.text("status")).isEqualTo("completed");
    assertThat(after.text("lastTriggeredAt")).isEqualTo(run.text("firedAt"));
    assertThat(after.json().get("nextTriggerAt").isNull()).isTrue();
  }

  @Test
  void aRecordedRunMovesARecurringReminderToItsNextTime() {
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
                    "*/5 * * * *",
                    "timezone",
                    "UTC",
                    "text",
                    "drink water"));
    String id = reminder.text("id");
    Instant scheduledFor = Instant.parse(reminder.text("nextTriggerAt"));

    Api.Response run =
        api()
            .post(
                "/api/reminders/" + id + "/runs",
                Api.json(
                    "scheduledFor",
                    scheduledFor.toString(),
                    "status",
                    "late",
                    "detail",
                    "restart"));
    Api.Response after = api().get("/api/reminders/" + id);

    assertThat(run.status()).isEqualTo(201);
    assertThat(after.text("status")).isEqualTo("active");
    assertThat(Instant.parse(after.text("nextTriggerAt"))).isEqualTo(scheduledFor.plusSeconds(300));
  }

  @Test
  void aMissedRunMarksAOneTimeReminderMissedAndAFailedOneChangesNothing() {
    long user = newUser();
    Api.Response missed = createOneTime(user);
    Api.Response failed = createOneTime(user);

    api()
        .post(
            "/api/reminders/" + missed.text("id") + "/runs",
            Api.json("scheduledFor", missed.text("triggerAt"), "status", "missed"));
    api()
        .post(
            "/api/reminders/" + failed.text("id") + "/runs",
            Api.json("scheduledFor", failed.text("triggerAt"), "status", "failed"));

    assertThat(api().get("/api/reminders/" + missed.text("id")).text("status")).isEqualTo("missed");
    assertThat(api().get("/api/reminders/" + failed.text("id")).text("status")).isEqualTo("active");
  }

  @Test
  void refusesAScheduledPageLargerThanTheMaximum() {
    Api.Response response = api().get("/api/reminders/scheduled?size=1001");
    Api.Response badCursor = api().get("/api/reminders/scheduled?after=abc");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("size");
    assertThat(badCursor.status()).isEqualTo(400);
    assertThat(badCursor.errorFields()).containsExactly("after");
  }

  @Test
  void refusesAnUnknownAssistant() {
    Api.Response response =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId", newUser(),
                    "assistantId", UUID.randomUUID().toString(),
                    "type", "one_time",
                    "triggerAt", inAnHour(),
                    "text", "x"));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.errorFields()).containsExactly("assistantId");
  }
}
