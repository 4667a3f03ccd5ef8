package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.cron.reminders.ReminderScheduler.Change;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "smart.internal.token=" + FakeRestService.TOKEN,
      "smart.rest-service.max-retries=1",
      "smart.rest-service.retry-delay=20ms",
      // pulls only when a test asks for one (and once at start)
      "smart.scheduler.pull-interval=1h",
      "smart.scheduler.pull-page-size=3",
      "smart.scheduler.thread-count=4"
    })
@UseTestInfrastructure
@DirtiesContext
class ReminderSchedulingTest {

  private static final FakeRestService rest = FakeRestService.start();
  private static final Duration AT_ONCE = Duration.ofSeconds(1);

  @Autowired private ReminderScheduler reminders;
  @Autowired private Scheduler scheduler;
  @Autowired private StringRedisTemplate redis;
  @Autowired private MeterRegistry meters;
  @Autowired private JdbcTemplate jdbc;

  @DynamicPropertySource
  static void restService(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", rest::baseUrl);
  }

  @AfterAll
  static void stopFake() {
    rest.close();
  }

  @BeforeEach
  void afterTheFirstPull() {
    TestReminders.awaitFirstPull(meters);
  }

  @AfterEach
  void restoreFake() {
    rest.down(false);
    rest.failScheduledPagesFrom(Integer.MAX_VALUE);
  }

  @Test
  void quartzKeepsItsTablesClusteredInASchemaOfItsOwn() throws Exception {
    assertThat(scheduler.getMetaData().isJobStoreClustered()).isTrue();
    assertThat(scheduler.getMetaData().isJobStoreSupportsPersistence()).isTrue();
    assertThat(scheduler.getMetaData().getThreadPoolSize()).isEqualTo(4);
    assertThat(
            jdbc.queryForList(
                "select table_schema from information_schema.tables"
                    + " where table_name in ('qrtz_triggers', 'flyway_schema_history_cron')",
                String.class))
        .containsOnly("quartz")
        .hasSize(2);
    assertThat(
            jdbc.queryForObject(
                "select count(*) from quartz.qrtz_scheduler_state where instance_name = ?",
                Integer.class,
                scheduler.getSchedulerInstanceId()))
        .isEqualTo(1);
  }

  @Test
  void aCreatedReminderIsInQuartzWithinOneSecondOfItsChangeEvent() {
    ReminderDto oneTime = rest.put(TestReminders.oneTime(Instant.now().plusSeconds(3600), "a"));
    ReminderDto weekly =
        rest.put(TestReminders.recurring("0 8 * * 1", "Asia/Tokyo", "weekly plan"));

    TestReminders.publishChange(redis, oneTime.id(), ChangeType.CREATED);
    TestReminders.publishChange(redis, weekly.id(), ChangeType.CREATED);

    await().atMost(AT_ONCE).until(() -> triggers(oneTime.id()).size() == 1);
    await().atMost(AT_ONCE).until(() -> triggers(weekly.id()).size() == 1);
    assertThat(triggers(oneTime.id()).get(0).getNextFireTime().toInstant())
        .isEqualTo(oneTime.triggerAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    Trigger recurring = triggers(weekly.id()).get(0);
    assertThat(recurring).isInstanceOf(SimpleTrigger.class);
    assertThat(nextFire(recurring, "Asia/Tokyo").getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    assertThat(nextFire(recurring, "Asia/Tokyo").toLocalTime()).isEqualTo(LocalTime.of(8, 0));
    assertThat(recurring.getJobDataMap().getString(ReminderTriggers.ZONE)).isEqualTo("Asia/Tokyo");
  }

  @Test
  void aDeletedReminderIsGoneWithinOneSecondOfItsChangeEvent() {
    ReminderDto reminder =
        rest.put(TestReminders.oneTime(Instant.now().plusSeconds(3600), "doomed"));
    reminders.reconcile(reminder.id());
    assertThat(jobExists(reminder.id())).isTrue();

    rest.delete(reminder.id());
    TestReminders.publishChange(redis, reminder.id(), ChangeType.DELETED);

    await().atMost(AT_ONCE).until(() -> !jobExists(reminder.id()));
  }

  @Test
  void aPausedReminderLeavesQuartzAndComesBackWhenResumed() {
    ReminderDto reminder = rest.put(TestReminders.recurring("*/5 * * * *", "UTC", "stretch"));
    reminders.reconcile(reminder.id());

    rest.put(TestReminders.with(reminder, ReminderStatus.PAUSED));
    TestReminders.publishChange(redis, reminder.id(), ChangeType.UPDATED);
    await().atMost(AT_ONCE).until(() -> !jobExists(reminder.id()));

    rest.put(TestReminders.with(reminder, ReminderStatus.ACTIVE));
    TestReminders.publishChange(redis, reminder.id(), ChangeType.UPDATED);
    await().atMost(AT_ONCE).until(() -> triggers(reminder.id()).size() == 1);
  }

  @Test
  void reschedulesWhenTheTriggerTimeCronOrZoneChangesAndOnlyThen() throws Exception {
    ReminderDto weekly = rest.put(TestReminders.recurring("0 8 * * 1", "Europe/Berlin", "plan"));
    ReminderDto once = rest.put(TestReminders.oneTime(Instant.now().plusSeconds(600), "tea"));
    assertThat(reminders.reconcile(weekly.id())).isEqualTo(Change.ADDED);
    assertThat(reminders.reconcile(once.id())).isEqualTo(Change.ADDED);

    assertThat(reminders.reconcile(weekly.id())).isEqualTo(Change.UNCHANGED);
    assertThat(reminders.reconcile(once.id())).isEqualTo(Change.UNCHANGED);

    rest.put(TestReminders.copy(weekly, null, "0 9 * * 2", "Europe/Berlin", ReminderStatus.ACTIVE));
    assertThat(reminders.reconcile(weekly.id())).isEqualTo(Change.RESCHEDULED);
    assertThat(nextFire(triggers(weekly.id()).get(0), "Europe/Berlin").getDayOfWeek())
        .isEqualTo(DayOfWeek.TUESDAY);
    assertThat(nextFire(triggers(weekly.id()).get(0), "Europe/Berlin").toLocalTime())
        .isEqualTo(LocalTime.of(9, 0));

    rest.put(
        TestReminders.copy(weekly, null, "0 9 * * 2", "America/New_York", ReminderStatus.ACTIVE));
    assertThat(reminders.reconcile(weekly.id())).isEqualTo(Change.RESCHEDULED);
    assertThat(triggers(weekly.id()).get(0).getJobDataMap().getString(ReminderTriggers.ZONE))
        .isEqualTo("America/New_York");
    assertThat(nextFire(triggers(weekly.id()).get(0), "America/New_York").toLocalTime())
        .isEqualTo(LocalTime.of(9, 0));

    Instant later = Instant.now().plusSeconds(7200);
    rest.put(TestReminders.copy(once, later, null, "Europe/Berlin", ReminderStatus.ACTIVE));
    assertThat(reminders.reconcile(once.id())).isEqualTo(Change.RESCHEDULED);
    assertThat(triggers(once.id()).get(0).getNextFireTime().toInstant())
        .isEqualTo(later.truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  }

  @Test
  void thePullSchedulesEveryActiveReminderAcrossAllPagesAndRemovesTheRest() {
    List<ReminderDto> active = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      active.add(rest.put(TestReminders.oneTime(Instant.now().plusSeconds(3600 + i), "r" + i)));
    }
    ReminderDto cancelled =
        rest.put(TestReminders.oneTime(Instant.now().plusSeconds(3600), "cancelled"));
    reminders.reconcile(cancelled.id());
    rest.put(TestReminders.with(cancelled, ReminderStatus.CANCELLED));
    int pagesBefore = rest.scheduledPagesServed();

    reminders.reconcileAll();

    // ten reminders at three per page: four pages, no cap
    assertThat(rest.scheduledPagesServed() - pagesBefore).isGreaterThanOrEqualTo(4);
    for (ReminderDto reminder : active) {
      assertThat(triggers(reminder.id())).as("reminder %s", reminder.text()).hasSize(1);
    }
    assertThat(jobExists(cancelled.id())).isFalse();
  }

  @Test
  void aFailedPullKeepsTheSchedule() {
    List<ReminderDto> scheduled = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      scheduled.add(rest.put(TestReminders.oneTime(Instant.now().plusSeconds(3600), "k" + i)));
    }
    reminders.reconcileAll();
    // one reminder is gone from rest-service, but rest-service fails in the middle of the pull
    rest.delete(scheduled.get(0).id());
    rest.failScheduledPagesFrom(rest.scheduledPagesServed() + 1);

    assertThatThrownBy(() -> reminders.reconcileAll()).isNotNull();
    for (ReminderDto reminder : scheduled) {
      assertThat(jobExists(reminder.id())).isTrue();
    }

    // rest-service entirely down
    rest.down(true);
    assertThatThrownBy(() -> reminders.reconcileAll()).isNotNull();
    for (ReminderDto reminder : scheduled) {
      assertThat(triggers(reminder.id())).hasSize(1);
    }

    // back: now the deleted one goes
    rest.down(false);
    rest.failScheduledPagesFrom(Integer.MAX_VALUE);
    reminders.reconcileAll();
    assertThat(jobExists(scheduled.get(0).id())).isFalse();
    assertThat(jobExists(scheduled.get(1).id())).isTrue();
  }

  @Test
  void aChangeEventWhileRestServiceIsDownKeepsTheJob() {
    ReminderDto reminder = rest.put(TestReminders.oneTime(Instant.now().plusSeconds(3600), "x"));
    reminders.reconcile(reminder.id());
    rest.down(true);

    var event = TestReminders.publishChange(redis, reminder.id(), ChangeType.UPDATED);
    await().atMost(Duration.ofSeconds(5)).until(() -> TestReminders.handled(redis, event));

    assertThat(triggers(reminder.id())).hasSize(1);
  }

  @Test
  void anUnschedulableReminderDoesNotStopThePull() {
    ReminderDto broken = rest.put(TestReminders.recurring("0 8 * *", "UTC", "three fields"));
    ReminderDto fine = rest.put(TestReminders.recurring("0 8 * * *", "UTC", "fine"));

    reminders.reconcileAll();

    assertThat(jobExists(broken.id())).isFalse();
    assertThat(triggers(fine.id())).hasSize(1);
  }

  @Test
  void thePullReplacesACronTriggerOfAnEarlierVersionWithASimpleTriggerAtTheSameSlot()
      throws Exception {
    ReminderDto weekly = rest.put(TestReminders.recurring("0 8 * * 1", "Asia/Tokyo", "legacy"));
    Trigger built = ReminderTriggers.triggers(weekly, Instant.now()).get(0);
    // as an earlier version stored it: a Quartz cron trigger carrying the same job data
    Trigger legacy =
        TriggerBuilder.newTrigger()
            .withIdentity(built.getKey())
            .forJob(built.getJobKey())
            .usingJobData(built.getJobDataMap())
            .startAt(new Date())
            .withSchedule(
                CronScheduleBuilder.cronSchedule("0 0 8 ? * MON")
                    .inTimeZone(TimeZone.getTimeZone("Asia/Tokyo"))
                    .withMisfireHandlingInstructionFireAndProceed())
            .build();
    scheduler.scheduleJob(ReminderTriggers.job(weekly.id()), Set.of(legacy), false);
    Date legacyNext = triggers(weekly.id()).get(0).getNextFireTime();

    reminders.reconcileAll();

    assertThat(triggers(weekly.id()))
        .singleElement()
        .satisfies(
            trigger -> {
              assertThat(trigger).isInstanceOf(SimpleTrigger.class);
              assertThat(trigger.getKey()).isEqualTo(built.getKey());
              assertThat(trigger.getNextFireTime()).isEqualTo(legacyNext);
              assertThat(trigger.getNextFireTime()).isEqualTo(built.getStartTime());
            });
    assertThat(reminders.reconcile(weekly.id())).isEqualTo(Change.UNCHANGED);
  }

  private static ZonedDateTime nextFire(Trigger trigger, String zone) {
    return trigger.getNextFireTime().toInstant().atZone(ZoneId.of(zone));
  }

  private List<? extends Trigger> triggers(UUID id) {
    try {
      return scheduler.getTriggersOfJob(ReminderTriggers.jobKey(id));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean jobExists(UUID id) {
    try {
      return scheduler.checkExists(ReminderTriggers.jobKey(id));
    } catch (SchedulerException e) {
      throw new IllegalStateException(e);
    }
  }
}
