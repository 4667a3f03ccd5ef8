package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;

/**
 * A reminder's {@code missedRunPolicy}: {@code deliver_late} unless set, {@code skip} settable at
 * creation and by a change, an unknown value refused with a problem detail naming the field; and a
 * run the scheduler skipped by the policy (fired after its time) recorded {@code skipped}.
 */
class MissedRunPolicyTest extends RestServiceTest {

  private Api.Response createDaily(long user, String policy) {
    return api()
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
                "plan the day",
                "missedRunPolicy",
                policy));
  }

  @Test
  void aReminderDeliversLateUnlessToldOtherwise() {
    long user = newUser();

    Api.Response created = createOneTime(user);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.text("missedRunPolicy")).isEqualTo("deliver_late");
    assertThat(
            jdbc.queryForObject(
                "SELECT missed_run_policy FROM reminders WHERE id = ?::uuid",
                String.class,
                created.text("id")))
        .isEqualTo("deliver_late");
  }

  @Test
  void skipIsSetAtCreationAndChangedByAPatch() {
    long user = newUser();

    Api.Response created = createDaily(user, "skip");
    String id = created.text("id");

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(created.text("missedRunPolicy")).isEqualTo("skip");
    assertThat(api().get("/api/reminders/" + id).text("missedRunPolicy")).isEqualTo("skip");
    Api.Response changed =
        api().patch("/api/reminders/" + id, Api.json("missedRunPolicy", "deliver_late"));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.text("missedRunPolicy")).isEqualTo("deliver_late");
    assertThat(
            jdbc.queryForObject(
                "SELECT missed_run_policy FROM reminders WHERE id = ?::uuid", String.class, id))
        .isEqualTo("deliver_late");
  }

  @Test
  void anUnknownPolicyIsA400NamingTheFieldAndTheValuesAllowed() {
    long user = newUser();

    Api.Response refused = createDaily(user, "catch_up");
    Api.Response refusedChange =
        api()
            .patch(
                "/api/reminders/" + createDaily(user, "skip").text("id"),
                Api.json("missedRunPolicy", "never"));

    for (Api.Response response : new Api.Response[] {refused, refusedChange}) {
      assertThat(response.status()).isEqualTo(400);
      assertThat(response.isProblem()).isTrue();
      assertThat(response.errorFields()).containsExactly("missedRunPolicy");
      assertThat(response.json().get("errors").get(0).get("message").asString())
          .isEqualTo("must be one of [deliver_late, skip]");
    }
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM reminders WHERE user_id = ? AND missed_run_policy = 'skip'",
                Long.class,
                user))
        .isEqualTo(1);
  }

  @Test
  void aRunSkippedByThePolicyIsRecordedAndMovesTheReminderOn() {
    long user = newUser();
    Api.Response reminder = createDaily(user, "skip");
    Instant scheduledFor = Instant.parse(reminder.text("nextTriggerAt"));

    // the scheduler fires it after its time (it was down) and skips it
    Api.Response run =
        api()
            .post(
                "/api/reminders/" + reminder.text("id") + "/runs",
                Api.json(
                    "scheduledFor",
                    scheduledFor.toString(),
                    "firedAt",
                    scheduledFor.plus(2, ChronoUnit.MINUTES).toString(),
                    "status",
                    "skipped"));
    Api.Response after = api().get("/api/reminders/" + reminder.text("id"));

    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    assertThat(after.text("status")).isEqualTo("active");
    assertThat(after.json().get("lastTriggeredAt").isNull()).isTrue();
    assertThat(Instant.parse(after.text("nextTriggerAt")))
        .isEqualTo(scheduledFor.plus(1, ChronoUnit.DAYS));
  }

  @Test
  void aOneTimeReminderSkippedByThePolicyIsMissed() {
    long user = newUser();
    Api.Response reminder =
        api()
            .post(
                "/api/reminders",
                Api.json(
                    "userId",
                    user,
                    "type",
                    "one_time",
                    "triggerAt",
                    Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS).toString(),
                    "text",
                    "water the plants",
                    "missedRunPolicy",
                    "skip"));
    Instant triggerAt = Instant.parse(reminder.text("triggerAt"));

    Api.Response run =
        api()
            .post(
                "/api/reminders/" + reminder.text("id") + "/runs",
                Api.json(
                    "scheduledFor",
                    triggerAt.toString(),
                    "firedAt",
                    triggerAt.plus(5, ChronoUnit.MINUTES).toString(),
                    "status",
                    "skipped"));

    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    assertThat(api().get("/api/reminders/" + reminder.text("id")).text("status"))
        .isEqualTo("missed");
  }

  @Test
  void aSkippedRunIsRefusedWhenThePolicyDeliversLateOrTheRunIsNotLate() {
    long user = newUser();
    Api.Response deliverLate = createDaily(user, "deliver_late");
    Api.Response skip = createDaily(user, "skip");
    Instant scheduledFor = Instant.parse(skip.text("nextTriggerAt"));

    Api.Response underDeliverLate =
        api()
            .post(
                "/api/reminders/" + deliverLate.text("id") + "/runs",
                Api.json(
                    "scheduledFor",
                    scheduledFor.toString(),
                    "firedAt",
                    scheduledFor.plus(2, ChronoUnit.MINUTES).toString(),
                    "status",
                    "skipped"));
    Api.Response onTime =
        api()
            .post(
                "/api/reminders/" + skip.text("id") + "/runs",
                Api.json(
                    "scheduledFor",
                    scheduledFor.toString(),
                    "firedAt",
                    scheduledFor.toString(),
                    "status",
                    "skipped"));

    assertThat(underDeliverLate.status()).isEqualTo(400);
    assertThat(underDeliverLate.errorFields()).containsExactly("status");
    assertThat(underDeliverLate.text("detail")).contains("missedRunPolicy is deliver_late");
    assertThat(onTime.status()).isEqualTo(400);
    assertThat(onTime.errorFields()).containsExactly("status");
  }
}
