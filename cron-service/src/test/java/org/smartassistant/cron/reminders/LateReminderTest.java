package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.Scheduler;
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
 * cron-service down across a reminder's time: the trigger is in the Quartz tables with a time in
 * the past while the scheduler is not running, as after a downtime, and the scheduler then starts.
 * The misfire limit is the default 24 hours.
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
class LateReminderTest {

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
  void aOneTimeReminderMissedByAMinuteIsDeliveredOnceMarkedLate() throws Exception {
    Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder = rest.put(TestReminders.oneTime(at, "take the cake out"));
    reminders.reconcile(reminder.id());

    scheduler.start();

    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.COMPLETED);
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(
            envelope -> {
              assertThat(envelope.attr("late")).isEqualTo("true");
              assertThat(envelope.attr("status")).isEqualTo("late");
              assertThat(envelope.attr("scheduledFor")).isEqualTo(at.toString());
              assertThat(envelope.text()).isEqualTo("take the cake out");
            });
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.status()).isEqualTo(ReminderRunStatus.LATE);
              assertThat(run.scheduledFor()).isEqualTo(at);
            });

    // a pull afterwards (the reminder is completed) neither fires nor tells it again. Afterwards
    // means once Quartz has completed the firing too (deleted its spent trigger): that comes just
    // after the firing marked the reminder completed, and a pull's removal of the job that
    // overlaps it fails and keeps the job until the next pull
    await()
        .atMost(PATIENCE)
        .until(() -> scheduler.getTriggersOfJob(ReminderTriggers.jobKey(reminder.id())).isEmpty());
    reminders.reconcileAll();
    assertThat(scheduler.checkExists(ReminderTriggers.jobKey(reminder.id()))).isFalse();
    assertThat(TestReminders.inboxOf(redis, reminder.id())).hasSize(1);
  }

  @Test
  void aRecurringReminderFiresOnceForAllItsMissedRuns() throws Exception {
    // hourly at the minute that was ten minutes ago; down for the last three hours
    Instant now = Instant.now();
    int minute = now.minus(Duration.ofMinutes(10)).atZone(java.time.ZoneOffset.UTC).getMinute();
    ReminderDto reminder =
        rest.put(TestReminders.recurring(minute + " * * * *", "Europe/Berlin", "stand up"));
    scheduler.scheduleJob(
        ReminderTriggers.job(reminder.id()),
        Set.copyOf(ReminderTriggers.triggers(reminder, now.minus(Duration.ofHours(3)))),
        false);
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
              assertThat(envelope.attr("late")).isEqualTo("true");
              assertThat(envelope.attr("scheduledFor")).isEqualTo(newestMissed.toString());
            });
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.LATE));
    ReminderDto after = rest.reminder(reminder.id());
    assertThat(after.status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(after.nextTriggerAt()).isEqualTo(newestMissed.plus(Duration.ofHours(1)));
    // and the trigger goes on from the next slot
    assertThat(
            scheduler
                .getTriggersOfJob(ReminderTriggers.jobKey(reminder.id()))
                .get(0)
                .getNextFireTime()
                .toInstant())
        .isEqualTo(newestMissed.plus(Duration.ofHours(1)));
  }
}
