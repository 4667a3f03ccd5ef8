package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.quartz.JobDataMap;
import org.quartz.Scheduler;
import org.quartz.impl.matchers.GroupMatcher;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "smart.internal.token=" + FakeRestService.TOKEN,
      "smart.rest-service.max-retries=0",
      "smart.scheduler.pull-interval=1h",
      "smart.scheduler.retry-backoff=300ms",
      "smart.scheduler.retry-backoff-max=1s"
    })
@UseTestInfrastructure
@DirtiesContext
class ReminderFiringTest {

  private static final FakeRestService rest = FakeRestService.start();
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  @Autowired private ReminderScheduler reminders;
  @Autowired private ReminderFiring firing;
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
  void afterTheFirstPull() {
    TestReminders.awaitFirstPull(meters);
  }

  @AfterEach
  void restoreFake() {
    rest.down(false);
  }

  @Test
  void aOneTimeReminderFiresAtItsTimeIntoTheInboxAndIsCompleted() {
    Instant at = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder = rest.put(TestReminders.oneTime(at, "call mum"));
    reminders.reconcile(reminder.id());

    await().atMost(PATIENCE).until(() -> !TestReminders.inboxOf(redis, reminder.id()).isEmpty());

    Envelope envelope = TestReminders.inboxOf(redis, reminder.id()).get(0);
    assertThat(envelope.type()).isEqualTo(EnvelopeType.REMINDER_TRIGGERED);
    assertThat(envelope.userId()).isEqualTo(TestReminders.USER_ID);
    assertThat(envelope.chatId()).isEqualTo(TestReminders.TELEGRAM_ID);
    assertThat(envelope.text()).isEqualTo("call mum");
    assertThat(envelope.source()).isEqualTo("cron-service");
    assertThat(envelope.attrs())
        .containsEntry("reminderId", reminder.id().toString())
        .containsEntry("scheduledFor", at.toString())
        .containsEntry("text", "call mum")
        .containsEntry("late", "false")
        .containsEntry("status", "delivered")
        .containsEntry("type", "one_time");
    assertThat(envelope.createdAt()).isAfterOrEqualTo(at);

    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.COMPLETED);
    List<ReminderRunDto> runs = rest.runsOf(reminder.id());
    assertThat(runs)
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.scheduledFor()).isEqualTo(at);
              assertThat(run.status()).isEqualTo(ReminderRunStatus.DELIVERED);
              assertThat(run.firedAt()).isAfterOrEqualTo(at);
            });
    assertThat(rest.reminder(reminder.id()).lastTriggeredAt()).isAfterOrEqualTo(at);
  }

  @Test
  void aRecurringFiringNotesTheLastAndNextTimeAndStaysActive() {
    ReminderDto reminder =
        rest.put(TestReminders.recurring("0 8 * * *", "Asia/Tokyo", "the day's plan"));
    Instant slot = RecurringSlots.of("0 8 * * *", "Asia/Tokyo").latest(null, Instant.now());

    firing.fire(reminder.id(), slot, null);

    ReminderDto after = rest.reminder(reminder.id());
    assertThat(after.status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(after.lastTriggeredAt()).isNotNull();
    // the next 08:00 in Tokyo: 23:00 UTC, within a day
    assertThat(after.nextTriggerAt()).isBetween(Instant.now(), Instant.now().plusSeconds(86_400));
    assertThat(after.nextTriggerAt().atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(23);
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.scheduledFor()).isEqualTo(slot));
    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.attr("type")).isEqualTo("recurring"));
  }

  @Test
  void aRecurringReminderFiresOnTwoConsecutiveSlots() throws Exception {
    // every minute (rest-service would refuse so short a gap; this fake takes it): its trigger,
    // moved on from inside its own firing, must outlive that firing
    ReminderDto reminder = rest.put(TestReminders.recurring("* * * * *", "UTC", "every minute"));
    reminders.reconcile(reminder.id());

    await().atMost(Duration.ofSeconds(150)).until(() -> rest.runsOf(reminder.id()).size() >= 2);

    List<ReminderRunDto> runs =
        rest.runsOf(reminder.id()).stream()
            .sorted(java.util.Comparator.comparing(ReminderRunDto::scheduledFor))
            .toList();
    Instant first = runs.get(0).scheduledFor();
    assertThat(first).isEqualTo(first.truncatedTo(ChronoUnit.MINUTES));
    assertThat(runs.get(1).scheduledFor()).isEqualTo(first.plusSeconds(60));
    assertThat(runs.subList(0, 2))
        .allSatisfy(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.DELIVERED));
    assertThat(TestReminders.inboxOf(redis, reminder.id())).hasSizeGreaterThanOrEqualTo(2);
    assertThat(scheduler.getTriggersOfJob(ReminderTriggers.jobKey(reminder.id())))
        .singleElement()
        .satisfies(
            trigger ->
                assertThat(trigger.getNextFireTime().toInstant()).isAfter(first.plusSeconds(60)));
    reminders.remove(reminder.id());
  }

  @Test
  void firedTwiceForTheSameTimeGivesOneInboxEntryAndOneRun() throws Exception {
    ReminderDto reminder = rest.put(TestReminders.recurring("*/5 * * * *", "UTC", "drink water"));
    Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    firing.fire(reminder.id(), slot, null);
    firing.fire(reminder.id(), slot, null);
    // and at the same moment from several threads, as two instances would
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<ReminderFiring.Outcome>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        calls.add(() -> firing.fire(reminder.id(), slot.plusSeconds(300), null));
      }
      for (Future<ReminderFiring.Outcome> result : pool.invokeAll(calls)) {
        assertThat(result.get()).isEqualTo(ReminderFiring.Outcome.DONE);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .extracting(e -> e.attr("scheduledFor"))
        .containsExactly(slot.toString(), slot.plusSeconds(300).toString());
    assertThat(rest.runsOf(reminder.id())).hasSize(2);
  }

  @Test
  void theJobTriggeredTwiceForOneScheduledTimeAddsOneInboxEntry() throws Exception {
    ReminderDto reminder = rest.put(TestReminders.recurring("0 7 * * *", "Europe/Berlin", "yoga"));
    reminders.reconcile(reminder.id());
    Instant slot = Instant.parse("2026-11-23T06:00:00Z");
    JobDataMap sameTime =
        new JobDataMap(
            Map.of(
                ReminderTriggers.SCHEDULED_FOR,
                slot.toString(),
                ReminderTriggers.TYPE,
                "recurring"));

    int duplicatesBefore = rest.duplicateRuns();

    scheduler.triggerJob(ReminderTriggers.jobKey(reminder.id()), sameTime);
    scheduler.triggerJob(ReminderTriggers.jobKey(reminder.id()), sameTime);

    // the second firing reached rest-service and was told the run exists
    await().atMost(PATIENCE).until(() -> rest.duplicateRuns() > duplicatesBefore);
    assertThat(TestReminders.inboxOf(redis, reminder.id())).hasSize(1);
    assertThat(rest.runsOf(reminder.id())).hasSize(1);
  }

  @Test
  void aReminderNoLongerActiveAtItsTimeIsNotDelivered() {
    Instant at = Instant.now().plusSeconds(1);
    ReminderDto reminder = rest.put(TestReminders.oneTime(at, "cancelled meanwhile"));
    reminders.reconcile(reminder.id());
    // the change event never arrived: the job still exists when the time comes
    rest.put(TestReminders.with(reminder, ReminderStatus.CANCELLED));

    await().atMost(PATIENCE).until(() -> triggerCount(reminder) == 0);

    assertThat(TestReminders.inboxOf(redis, reminder.id())).isEmpty();
    assertThat(rest.runsOf(reminder.id())).isEmpty();
  }

  @Test
  void aFiringThatFailsWhileRestServiceIsDownIsDeliveredOnceWhenItIsBack() throws Exception {
    Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder = rest.put(TestReminders.oneTime(at, "pay the rent"));
    reminders.reconcile(reminder.id());
    rest.down(true);

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                !scheduler
                    .getTriggerKeys(GroupMatcher.triggerGroupEquals(ReminderTriggers.RETRY_GROUP))
                    .isEmpty());
    assertThat(TestReminders.inboxOf(redis, reminder.id())).isEmpty();

    rest.down(false);
    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.COMPLETED);

    assertThat(TestReminders.inboxOf(redis, reminder.id()))
        .singleElement()
        .satisfies(e -> assertThat(e.attr("scheduledFor")).isEqualTo(at.toString()));
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.scheduledFor()).isEqualTo(at));
  }

  @Test
  void aBlockedUsersDueReminderIsRecordedSkippedAndNothingReachesTheInbox() {
    long blocked = 8L;
    rest.addUser(blocked, 700_000_008L);
    rest.block(blocked);
    double skippedBefore = skippedCount();
    Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder =
        rest.put(TestReminders.ofUser(TestReminders.oneTime(at, "blocked meanwhile"), blocked));
    reminders.reconcile(reminder.id());

    await()
        .atMost(PATIENCE)
        .until(() -> rest.reminder(reminder.id()).status() == ReminderStatus.CANCELLED);

    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(
            run -> {
              assertThat(run.scheduledFor()).isEqualTo(at);
              assertThat(run.status()).isEqualTo(ReminderRunStatus.SKIPPED);
            });
    assertThat(TestReminders.inbox(redis)).noneMatch(e -> e.userId() == blocked);
    // counted after rest-service recorded the run, which is what the wait above saw
    await()
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(skippedCount()).isEqualTo(skippedBefore + 1));
    assertThat(rest.reminder(reminder.id()).lastTriggeredAt()).isNull();
  }

  @Test
  void aBlockedUsersRecurringReminderIsSkippedAndStaysActive() {
    long blocked = 9L;
    rest.addUser(blocked, 700_000_009L);
    rest.block(blocked);
    ReminderDto reminder =
        rest.put(
            TestReminders.ofUser(
                TestReminders.recurring("0 8 * * *", "Asia/Tokyo", "the day's plan"), blocked));
    Instant slot = RecurringSlots.of("0 8 * * *", "Asia/Tokyo").latest(null, Instant.now());

    ReminderFiring.Outcome outcome = firing.fire(reminder.id(), slot, null);
    ReminderFiring.Outcome again = firing.fire(reminder.id(), slot, null);

    assertThat(outcome).isEqualTo(ReminderFiring.Outcome.USER_BLOCKED);
    assertThat(again).isEqualTo(ReminderFiring.Outcome.USER_BLOCKED);
    assertThat(rest.runsOf(reminder.id()))
        .singleElement()
        .satisfies(run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.SKIPPED));
    assertThat(TestReminders.inbox(redis)).noneMatch(e -> e.userId() == blocked);
    assertThat(rest.reminder(reminder.id()).status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(rest.reminder(reminder.id()).nextTriggerAt()).isAfter(slot);
  }

  @Test
  void aRemovedUsersReminderFiresNothing() {
    long removed = 10L;
    rest.addUser(removed, 700_000_010L);
    Instant at = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
    ReminderDto reminder =
        rest.put(TestReminders.ofUser(TestReminders.oneTime(at, "removed meanwhile"), removed));
    reminders.reconcile(reminder.id());
    // deleted with the user; the change event never arrived, so the job is still there
    rest.removeUser(removed);

    await().atMost(PATIENCE).until(() -> triggerCount(reminder) == 0);

    assertThat(firing.fire(reminder.id(), at, null)).isEqualTo(ReminderFiring.Outcome.GONE);
    assertThat(TestReminders.inbox(redis)).noneMatch(e -> e.userId() == removed);
    assertThat(rest.runsOf(reminder.id())).isEmpty();
  }

  private double skippedCount() {
    var counter = meters.find("reminders.skipped").tag("reason", "user_blocked").counter();
    return counter == null ? 0 : counter.count();
  }

  private int triggerCount(ReminderDto reminder) throws Exception {
    return scheduler.getTriggersOfJob(ReminderTriggers.jobKey(reminder.id())).size();
  }
}
