package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobDataMap;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.spi.OperableTrigger;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;

class ReminderTriggersTest {

  private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");

  @Test
  void mondayAtEightInTokyoFiresAtElevenPmUtcOnSunday() {
    ReminderDto reminder = recurring("0 8 * * 1", "Asia/Tokyo");

    List<Instant> fires =
        fireTimes(reminder, "2026-11-20T00:00:00Z", "2026-12-06T00:00:00Z"); // Fri .. Sun

    assertThat(fires)
        .containsExactly(
            Instant.parse("2026-11-22T23:00:00Z"), Instant.parse("2026-11-29T23:00:00Z"));
    assertThat(single(reminder).getJobDataMap().getString(ReminderTriggers.ZONE))
        .isEqualTo("Asia/Tokyo");
  }

  @Test
  void aRecurringTriggerIsASimpleTriggerAtItsFirstSlotFromTheStart() {
    ReminderDto reminder = recurring("0 8 * * *", "Europe/Berlin");

    Trigger onTheSlot = single(reminder, Instant.parse("2026-11-24T07:00:00Z"));
    Trigger justAfter = single(reminder, Instant.parse("2026-11-24T07:00:00.001Z"));

    assertThat(onTheSlot).isInstanceOf(SimpleTrigger.class);
    assertThat(((SimpleTrigger) onTheSlot).getRepeatCount()).isZero();
    assertThat(onTheSlot.getStartTime().toInstant())
        .isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
    assertThat(justAfter.getStartTime().toInstant())
        .isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
    assertThat(onTheSlot.getJobDataMap().getString(ReminderTriggers.CRON)).isEqualTo("0 8 * * *");
  }

  @Test
  void aCronExpressionThatNeverFiresCannotBeScheduled() {
    assertThatThrownBy(() -> ReminderTriggers.triggers(recurring("0 8 31 2 *", "UTC"), LONG_AGO))
        .isInstanceOf(InvalidScheduleException.class);
  }

  @Test
  void keepsEightOClockInBerlinAcrossTheSpringForward() {
    // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST
    ReminderDto trigger = recurring("0 8 * * *", "Europe/Berlin");

    assertThat(fireTimes(trigger, "2026-03-27T00:00:00Z", "2026-03-31T00:00:00Z"))
        .containsExactly(
            Instant.parse("2026-03-27T07:00:00Z"),
            Instant.parse("2026-03-28T07:00:00Z"),
            Instant.parse("2026-03-29T06:00:00Z"),
            Instant.parse("2026-03-30T06:00:00Z"));
  }

  @Test
  void keepsEightOClockInBerlinAcrossTheFallBack() {
    // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET
    ReminderDto trigger = recurring("0 8 * * *", "Europe/Berlin");

    assertThat(fireTimes(trigger, "2026-10-23T00:00:00Z", "2026-10-27T00:00:00Z"))
        .containsExactly(
            Instant.parse("2026-10-23T06:00:00Z"),
            Instant.parse("2026-10-24T06:00:00Z"),
            Instant.parse("2026-10-25T07:00:00Z"),
            Instant.parse("2026-10-26T07:00:00Z"));
  }

  @Test
  void firesAtEightLocalOnEveryDayOfAYearInBerlinAndNewYork() {
    for (String zone : List.of("Europe/Berlin", "America/New_York")) {
      ReminderDto reminder = recurring("0 8 * * *", zone);

      List<Instant> fires = fireTimes(reminder, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

      assertThat(fires).hasSize(365);
      assertThat(fires)
          .allSatisfy(
              fire ->
                  assertThat(fire.atZone(ZoneId.of(zone)).toLocalTime())
                      .isEqualTo(LocalTime.of(8, 0)));
    }
  }

  @Test
  void aTimeThatOccursTwiceOnTheFallBackDayFiresOnce() {
    ReminderDto reminder = recurring("30 2 * * *", "Europe/Berlin");

    assertThat(fireTimes(reminder, "2026-10-24T12:00:00Z", "2026-10-25T12:00:00Z"))
        .containsExactly(Instant.parse("2026-10-25T01:30:00Z"));
  }

  @Test
  void bothRestrictedDayFieldsMeanADayThatMatchesBoth() {
    // Friday the 13th at 09:00 UTC, as rest-service's Spring CronExpression computes it
    RecurringSlots friday13 = RecurringSlots.of("0 9 13 * 5", "UTC");
    ReminderDto reminder = recurring("0 9 13 * 5", "UTC");
    List<Instant> triggerTimes =
        fireTimes(reminder, "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");

    // only the 13ths that are Fridays
    assertThat(triggerTimes)
        .containsExactly(
            Instant.parse("2026-02-13T09:00:00Z"),
            Instant.parse("2026-03-13T09:00:00Z"),
            Instant.parse("2026-11-13T09:00:00Z"));
    assertThat(friday13.nextAfter(Instant.parse("2026-11-14T00:00:00Z")))
        .isEqualTo(Instant.parse("2027-08-13T09:00:00Z"));
    JobDataMap data = single(reminder).getJobDataMap();
    // a catch-up on a 13th that is no Friday, with no slot since the one fired before
    assertThat(
            ReminderTriggers.scheduledFor(
                data,
                Instant.parse("2026-04-13T09:00:00Z"),
                Instant.parse("2026-03-13T09:00:00.001Z")))
        .isNull();
    assertThat(
            ReminderTriggers.scheduledFor(
                data, Instant.parse("2026-03-13T09:00:00Z"), Instant.parse("2026-03-13T09:00:00Z")))
        .isEqualTo(Instant.parse("2026-03-13T09:00:00Z"));
  }

  @Test
  void aOneTimeReminderFiresOnceAtItsTriggerTime() {
    Instant at = Instant.parse("2026-11-24T09:15:30.250Z");
    Trigger trigger = single(oneTime(at));

    assertThat(trigger).isInstanceOf(SimpleTrigger.class);
    assertThat(((SimpleTrigger) trigger).getRepeatCount()).isZero();
    assertThat(trigger.getStartTime().toInstant()).isEqualTo(at);
    assertThat(trigger.getMisfireInstruction())
        .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
    assertThat(ReminderTriggers.scheduledFor(trigger.getJobDataMap(), Instant.now(), null))
        .isEqualTo(at);
  }

  @Test
  void aRecurringTriggerCatchesUpOnceForAllMissedSlots() {
    Trigger trigger = single(recurring("0 8 * * *", "Europe/Berlin"));
    assertThat(trigger.getMisfireInstruction())
        .isEqualTo(SimpleTrigger.MISFIRE_INSTRUCTION_FIRE_NOW);
  }

  @Test
  void aCatchUpFiringStandsForTheNewestMissedSlot() {
    JobDataMap data = single(recurring("0 8 * * *", "Europe/Berlin")).getJobDataMap();
    Instant lastFired = Instant.parse("2026-03-28T07:00:00Z");

    // fired on time: the slot itself
    assertThat(
            ReminderTriggers.scheduledFor(data, Instant.parse("2026-03-29T06:00:00Z"), lastFired))
        .isEqualTo(Instant.parse("2026-03-29T06:00:00Z"));
    // fired at 10:17 Berlin time three days later: that morning's slot
    assertThat(
            ReminderTriggers.scheduledFor(
                data, Instant.parse("2026-04-01T08:17:42.120Z"), lastFired.plusMillis(1)))
        .isEqualTo(Instant.parse("2026-04-01T06:00:00Z"));
    // fired at 07:30 Berlin time the day after the last firing: no slot was missed
    assertThat(
            ReminderTriggers.scheduledFor(
                data, Instant.parse("2026-03-29T05:30:00Z"), lastFired.plusMillis(1)))
        .isNull();
    // a yearly reminder found late
    assertThat(
            RecurringSlots.of("0 0 29 2 *", "UTC")
                .latest(null, Instant.parse("2027-05-01T00:00:00Z")))
        .isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
  }

  @Test
  void computesTheNextTimeOfARecurringReminder() {
    assertThat(
            RecurringSlots.of("0 8 * * 1", "Asia/Tokyo")
                .nextAfter(Instant.parse("2026-11-23T00:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
  }

  @Test
  void detectsAChangedSchedule() {
    Trigger berlin = single(recurring("0 8 * * *", "Europe/Berlin"));
    Trigger sameAgain = single(withId(recurring("0 8 * * *", "Europe/Berlin"), idOf(berlin)));
    Trigger otherZone = single(withId(recurring("0 8 * * *", "Europe/Paris"), idOf(berlin)));
    Trigger otherCron = single(withId(recurring("0 9 * * *", "Europe/Berlin"), idOf(berlin)));

    assertThat(ReminderTriggers.sameSchedule(berlin, sameAgain)).isTrue();
    assertThat(ReminderTriggers.sameSchedule(berlin, otherZone)).isFalse();
    assertThat(ReminderTriggers.sameSchedule(berlin, otherCron)).isFalse();
    assertThat(
            ReminderTriggers.sameSchedule(
                single(oneTime(Instant.parse("2026-11-24T09:00:00Z"))),
                single(oneTime(Instant.parse("2026-11-24T09:05:00Z")))))
        .isFalse();
  }

  @Test
  void aCronTriggerOfAnEarlierVersionIsReplacedFromItsNextFireTime() {
    ReminderDto reminder = recurring("0 8 * * 1", "Asia/Tokyo");
    Trigger built = single(reminder, Instant.parse("2026-11-24T00:00:00Z"));
    OperableTrigger legacy =
        (OperableTrigger)
            TriggerBuilder.newTrigger()
                .withIdentity(built.getKey())
                .forJob(built.getJobKey())
                .usingJobData(built.getJobDataMap())
                .startAt(Date.from(Instant.parse("2026-11-10T00:00:00Z")))
                .withSchedule(
                    CronScheduleBuilder.cronSchedule("0 0 8 ? * MON")
                        .inTimeZone(TimeZone.getTimeZone("Asia/Tokyo")))
                .build();
    // it last fired before the service went down; its next fire time passed meanwhile
    legacy.computeFirstFireTime(null);

    assertThat(ReminderTriggers.sameSchedule(legacy, built)).isFalse();
    Trigger replacement = ReminderTriggers.replacing(legacy, built);
    assertThat(replacement).isInstanceOf(SimpleTrigger.class);
    assertThat(replacement.getKey()).isEqualTo(built.getKey());
    assertThat(replacement.getStartTime().toInstant())
        .isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
    assertThat(ReminderTriggers.sameSchedule(replacement, built)).isTrue();
    // a trigger of this version whose schedule changed is replaced by the new one as built
    Trigger otherCron = single(withId(recurring("0 9 * * 1", "Asia/Tokyo"), idOf(built)));
    assertThat(ReminderTriggers.replacing(built, otherCron)).isSameAs(otherCron);
  }

  @Test
  void refusesAnUnknownTimeZoneInsteadOfFallingBackToGmt() {
    assertThatThrownBy(
            () -> ReminderTriggers.triggers(recurring("0 8 * * *", "Mars/Olympus"), LONG_AGO))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("Mars/Olympus");
  }

  private static Trigger single(ReminderDto reminder) {
    return single(reminder, LONG_AGO);
  }

  private static Trigger single(ReminderDto reminder, Instant recurringStart) {
    List<Trigger> triggers = ReminderTriggers.triggers(reminder, recurringStart);
    assertThat(triggers).hasSize(1);
    return triggers.get(0);
  }

  /**
   * The times a recurring reminder fires from {@code from} until before {@code to}: its trigger
   * built at {@code from} starts at the first, and each firing moves it on to the next slot.
   */
  private static List<Instant> fireTimes(ReminderDto reminder, String from, String to) {
    Instant end = Instant.parse(to);
    RecurringSlots slots = RecurringSlots.of(reminder.cronExpression(), reminder.timezone());
    List<Instant> fires = new ArrayList<>();
    Instant fire = single(reminder, Instant.parse(from)).getStartTime().toInstant();
    while (fire != null && fire.isBefore(end)) {
      fires.add(fire);
      fire = slots.nextAfter(fire);
    }
    return fires;
  }

  private static UUID idOf(Trigger trigger) {
    return UUID.fromString(trigger.getJobDataMap().getString(ReminderTriggers.REMINDER_ID));
  }

  static ReminderDto recurring(String cron, String zone) {
    return new ReminderDto(
        UUID.randomUUID(),
        1L,
        null,
        ReminderType.RECURRING,
        null,
        cron,
        zone,
        "weekly plan",
        ReminderStatus.ACTIVE,
        null,
        null,
        LONG_AGO,
        LONG_AGO,
        MissedRunPolicy.DELIVER_LATE);
  }

  static ReminderDto oneTime(Instant at) {
    return new ReminderDto(
        UUID.randomUUID(),
        1L,
        null,
        ReminderType.ONE_TIME,
        at,
        null,
        "Europe/Berlin",
        "call mum",
        ReminderStatus.ACTIVE,
        null,
        null,
        LONG_AGO,
        LONG_AGO,
        MissedRunPolicy.DELIVER_LATE);
  }

  private static ReminderDto withId(ReminderDto r, UUID id) {
    return new ReminderDto(
        id,
        r.userId(),
        r.assistantId(),
        r.type(),
        r.triggerAt(),
        r.cronExpression(),
        r.timezone(),
        r.text(),
        r.status(),
        r.lastTriggeredAt(),
        r.nextTriggerAt(),
        r.createdAt(),
        r.updatedAt(),
        r.missedRunPolicy());
  }
}
