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
 * cron-service down across a reminder's time for longer than the misfire limit (30 seconds here):
 * the run is recorded missed and the user is told once, instead of getting a stale reminder.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "smart.internal.token=" + FakeRestService.TOKEN,
      "spring.quartz.auto-startup=false",
      // the misfire check runs this often: a restarted scheduler finds missed triggers at once
      "spring.quartz.properties.org.quartz.jobStore.misfireThreshold=3000",
      "smart.scheduler.pull-interval=1h",
      "smart.scheduler.misfire-limit=30s"
    })
@UseTestInfrastructure
@DirtiesContext
class MissedReminderTest {

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
  void aOneTimeReminderOlderThanTheLimitIsRecordedMissedAndTheUserToldOnce() throws Exception {
    Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder = rest.put(TestReminders.oneTime(at, "water the plants"));
    reminders.reconcile(reminder.id());

    scheduler.start();

    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.MISSED);
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.status()).isEqualTo(ReminderRunStatus.MISSED);
              assertThat(run.scheduledFor()).isEqualTo(at);
            });
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(
            envelope -> {
              assertThat(envelope.attr("status")).isEqualTo("missed");
              assertThat(envelope.attr("late")).isEqualTo("true");
              assertThat(envelope.attr("scheduledFor")).isEqualTo(at.toString());
              assertThat(envelope.text()).isEqualTo("water the plants");
            });

    // told once: neither a pull nor a repeated firing for that time tells again
    reminders.reconcileAll();
    reminders.reconcile(TestReminders.with(reminder, ReminderStatus.ACTIVE));
    await().atMost(PATIENCE).until(() -> rest.duplicateRuns() >= 1 || triggerGone(reminder));
    assertThat(TestReminders.inboxOf(redis, reminder.id())).hasSize(1);
    assertThat(rest.runsOf(reminder.id())).hasSize(1);
  }

  @Test
  void aRecurringReminderMissedBeyondTheLimitIsToldOnceAndStaysActive() throws Exception {
    Instant now = Instant.now();
    int minute = now.minus(Duration.ofMinutes(10)).atZone(java.time.ZoneOffset.UTC).getMinute();
    ReminderDto reminder =
        rest.put(TestReminders.recurring(minute + " * * * *", "UTC", "check the oven"));
    scheduler.scheduleJob(
        ReminderTriggers.job(reminder.id()),
        Set.copyOf(ReminderTriggers.triggers(reminder, now.minus(Duration.ofHours(3)))),
        false);

    scheduler.start();

    await().atMost(PATIENCE).until(() -> !rest.runsOf(reminder.id()).isEmpty());
    Thread.sleep(3000);
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(envelope -> assertThat(envelope.attr("status")).isEqualTo("missed"));
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.MISSED));
    assertThat(rest.reminder(reminder.id()).status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(scheduler.getTriggersOfJob(ReminderTriggers.jobKey(reminder.id()))).hasSize(1);
  }

  private boolean triggerGone(ReminderDto reminder) throws Exception {
    return scheduler.getTriggersOfJob(ReminderTriggers.jobKey(reminder.id())).isEmpty();
  }
}
