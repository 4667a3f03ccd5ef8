package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A reminder's missed-run policy after a downtime of cron-service (its trigger in the Quartz tables
 * with a time in the past while the scheduler is not running, then the scheduler starts): {@code
 * skip} delivers nothing and tells the user once that the run was skipped; {@code deliver_late}
 * delivers it late, as always. A run on time is delivered under either policy.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "smart.internal.token=" + FakeRestService.TOKEN,
      "spring.quartz.auto-startup=false",
      // the misfire check runs this often: a restarted scheduler finds missed triggers at once
      "spring.quartz.properties.org.quartz.jobStore.misfireThreshold=3000",
      "smart.scheduler.pull-interval=1h"
    })
@UseTestInfrastructure
@DirtiesContext
class MissedRunPolicyTest {

  private static final FakeRestService rest = FakeRestService.start();
  private static final Duration PATIENCE = Duration.ofSeconds(45);

  @Autowired private ReminderScheduler reminders;
  @Autowired private Scheduler scheduler;
  @Autowired private StringRedisTemplate redis;
  @Autowired private MeterRegistry meters;

  @DynamicPropertySource
  static void restService(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", rest::baseUrl);
  }

  @BeforeAll
  static void user() {
    rest.addUser(TestReminders.USER_ID, TestReminders.TELEGRAM_ID);
  }

  @AfterAll
  static void stopFake() {
    rest.close();
  }

  @BeforeEach
  void down() throws Exception {
    TestReminders.awaitFirstPull(meters);
    scheduler.standby();
  }

  @Test
  void skipDeliversNoMissedRunOfARecurringReminderAndTellsTheUserOnce() throws Exception {
    double skippedBefore = skippedByPolicy();
    Instant now = Instant.now();
    ReminderDto reminder = hourlyDownForThreeHours(now, MissedRunPolicy.SKIP, "stand up");
    Instant newestMissed =
        RecurringSlots.of(reminder.cronExpression(), reminder.timezone()).latest(null, now);

    scheduler.start();

    await().atMost(PATIENCE).until(() -> !rest.runsOf(reminder.id()).isEmpty());
    // give a second catch-up every chance to show up
    Thread.sleep(3000);
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(
            envelope -> {
              assertThat(envelope.attr("status")).isEqualTo("skipped");
              assertThat(envelope.attr("late")).isEqualTo("true");
              assertThat(envelope.attr("scheduledFor")).isEqualTo(newestMissed.toString());
              assertThat(envelope.text()).isEqualTo("stand up");
            });
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.status()).isEqualTo(ReminderRunStatus.SKIPPED);
              assertThat(run.scheduledFor()).isEqualTo(newestMissed);
              assertThat(run.detail()).contains("skipped by its missed-run policy");
            });
    ReminderDto after = rest.reminder(reminder.id());
    assertThat(after.status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(after.lastTriggeredAt()).isNull();
    assertThat(after.nextTriggerAt()).isEqualTo(newestMissed.plus(Duration.ofHours(1)));
    // the trigger goes on from the next slot, which comes on time
    assertThat(
            scheduler
                .getTriggersOfJob(ReminderTriggers.jobKey(reminder.id()))
                .get(0)
                .getNextFireTime()
                .toInstant())
        .isEqualTo(newestMissed.plus(Duration.ofHours(1)));
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(skippedByPolicy()).isEqualTo(skippedBefore + 1));
  }

  @Test
  void deliverLateDeliversTheNewestMissedRunLateAsBefore() throws Exception {
    Instant now = Instant.now();
    ReminderDto reminder = hourlyDownForThreeHours(now, MissedRunPolicy.DELIVER_LATE, "drink");
    Instant newestMissed =
        RecurringSlots.of(reminder.cronExpression(), reminder.timezone()).latest(null, now);

    scheduler.start();

    await().atMost(PATIENCE).until(() -> !rest.runsOf(reminder.id()).isEmpty());
    Thread.sleep(3000);
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(
            envelope -> {
              assertThat(envelope.attr("status")).isEqualTo("late");
              assertThat(envelope.attr("scheduledFor")).isEqualTo(newestMissed.toString());
            });
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.LATE));
  }

  @Test
  void skipOfAOneTimeReminderMissedByAMinuteTellsTheUserOnceAndMarksItMissed() throws Exception {
    Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder =
        rest.put(
            TestReminders.withPolicy(
                TestReminders.oneTime(at, "take the cake out"), MissedRunPolicy.SKIP));
    reminders.reconcile(reminder.id());

    scheduler.start();

    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.MISSED);
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(envelope -> assertThat(envelope.attr("status")).isEqualTo("skipped"));
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.SKIPPED));
  }

  @Test
  void skipDeliversARunThatComesOnTime() throws Exception {
    scheduler.start();
    Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder =
        rest.put(
            TestReminders.withPolicy(
                TestReminders.oneTime(at, "tea is ready"), MissedRunPolicy.SKIP));
    reminders.reconcile(reminder.id());

    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.COMPLETED);
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(envelope -> assertThat(envelope.attr("status")).isEqualTo("delivered"));
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.DELIVERED));
  }

  /**
   * An hourly reminder at the minute that was ten minutes ago, whose trigger has waited in Quartz
   * since three hours ago: cron-service was down for its last three runs.
   */
  private ReminderDto hourlyDownForThreeHours(Instant now, MissedRunPolicy policy, String text)
      throws Exception {
    int minute = now.minus(Duration.ofMinutes(10)).atZone(ZoneOffset.UTC).getMinute();
    ReminderDto reminder =
        rest.put(
            TestReminders.withPolicy(
                TestReminders.recurring(minute + " * * * *", "Europe/Berlin", text), policy));
    scheduler.scheduleJob(
        ReminderTriggers.job(reminder.id()),
        Set.copyOf(ReminderTriggers.triggers(reminder, now.minus(Duration.ofHours(3)))),
        false);
    return reminder;
  }

  private double skippedByPolicy() {
    Counter counter = meters.find("reminders.skipped").tag("reason", "missed_run_policy").counter();
    return counter == null ? 0 : counter.count();
  }
}
