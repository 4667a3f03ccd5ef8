package org.smartassistant.assistant.tools.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.OneTime;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.Recurring;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.Refused;
import org.smartassistant.assistant.tools.reminders.ReminderTimes.Timing;
import org.springframework.scheduling.support.CronExpression;

/** The local times, delays and cron expressions of the reminder tools, read in the user's zone. */
class ReminderTimesTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  /**
   * "09:00 tomorrow", asked on the evening before a DST switch, in the user's zone: the bare time
   * and the full local date-time give the same UTC instant, with the offset of the new day.
   */
  @ParameterizedTest(name = "{0}: asked at {1}, 09:00 tomorrow ({2}) is {3}")
  @CsvSource({
    // the day before the spring-forward switch (CET -> CEST on Sunday 28 March 2027)
    "Europe/Berlin, 2027-03-27T19:00:00Z, 2027-03-28T09:00, 2027-03-28T07:00:00Z",
    // the day before the fall-back switch (CEST -> CET on Sunday 25 October 2026)
    "Europe/Berlin, 2026-10-24T18:00:00Z, 2026-10-25T09:00, 2026-10-25T08:00:00Z",
    // the day before New York's switches (EST -> EDT on 14 March 2027, EDT -> EST on 1 November
    // 2026)
    "America/New_York, 2027-03-13T23:00:00Z, 2027-03-14T09:00, 2027-03-14T13:00:00Z",
    "America/New_York, 2026-10-31T22:00:00Z, 2026-11-01T09:00, 2026-11-01T14:00:00Z",
    // and on an ordinary day
    "America/New_York, 2026-11-24T22:00:00Z, 2026-11-25T09:00, 2026-11-25T14:00:00Z",
  })
  void nineTomorrowIsTheRightUtcInstant(
      String zone, String now, String tomorrowAtNine, String utc) {
    ZoneId userZone = ZoneId.of(zone);
    Instant asked = Instant.parse(now);

    OneTime bareTime = (OneTime) ReminderTimes.resolve("09:00", null, null, userZone, asked);
    OneTime dateTime = (OneTime) ReminderTimes.resolve(tomorrowAtNine, null, null, userZone, asked);

    assertThat(bareTime.at()).isEqualTo(Instant.parse(utc));
    assertThat(dateTime.at()).isEqualTo(Instant.parse(utc));
    assertThat(dateTime.local().getHour()).isEqualTo(9);
    assertThat(dateTime.note()).isNull();
  }

  @Test
  void mondaysAtEightInTokyoFireOnSundayAtElevenPmUtc() {
    Instant tuesday = Instant.parse("2026-11-24T08:30:00Z");

    Recurring recurring =
        (Recurring) ReminderTimes.resolve(null, null, "0 8 * * 1", TOKYO, tuesday);

    Instant first = recurring.next().toInstant();
    assertThat(first).isEqualTo(Instant.parse("2026-11-29T23:00:00Z"));
    assertThat(first.atZone(ZoneOffset.UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
    assertThat(recurring.next().getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
    // and so every week after: the expression as stored, read in the zone, as cron-service does
    Instant second =
        CronExpression.parse("0 " + recurring.cron()).next(recurring.next()).toInstant();
    assertThat(second).isEqualTo(Instant.parse("2026-12-06T23:00:00Z"));
  }

  @Test
  void aTimeInTheSpringForwardGapMovesForwardAndSaysSo() {
    Timing timing =
        ReminderTimes.resolve(
            "2027-03-28T02:30", null, null, BERLIN, Instant.parse("2027-03-27T12:00:00Z"));

    OneTime once = (OneTime) timing;
    assertThat(once.at()).isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
    assertThat(once.local().toLocalTime()).hasToString("03:30");
    assertThat(once.note()).contains("02:30 does not exist").contains("03:30");
  }

  @Test
  void aTimeInTheFallBackOverlapTakesTheEarlierOffsetAndSaysSo() {
    Timing timing =
        ReminderTimes.resolve(
            "2026-10-25T02:30", null, null, BERLIN, Instant.parse("2026-10-24T12:00:00Z"));

    OneTime once = (OneTime) timing;
    assertThat(once.at()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    assertThat(once.note()).contains("happens twice").contains("UTC+02:00");
  }

  @Test
  void aBareTimeStillAheadTodayIsToday() {
    OneTime once =
        (OneTime)
            ReminderTimes.resolve(
                "18:45", null, null, NEW_YORK, Instant.parse("2026-11-24T22:00:00Z"));

    assertThat(once.at()).isEqualTo(Instant.parse("2026-11-24T23:45:00Z"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT20M | PT20M",
        "20 minutes | PT20M",
        "in 20 minutes | PT20M",
        "2 hours | PT2H",
        "1 hour 30 minutes | PT1H30M",
        "1 day and 2 hours | PT26H",
        "45s | PT45S",
        "P1DT2H | PT26H",
      })
  void delaysAreIsoDurationsOrSimplePhrases(String in, String expected) {
    Instant now = Instant.parse("2026-11-24T08:30:00Z");

    OneTime once = (OneTime) ReminderTimes.resolve(null, in, null, BERLIN, now);

    assertThat(once.at()).isEqualTo(now.plus(Duration.parse(expected)));
  }

  @Test
  void aDelayEndsOnAWholeSecondNeverBeforeItHasPassed() {
    Instant now = Instant.parse("2026-11-24T08:30:00.250Z");

    OneTime once = (OneTime) ReminderTimes.resolve(null, "PT8S", null, BERLIN, now);

    assertThat(once.at()).isEqualTo(Instant.parse("2026-11-24T08:30:09Z"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // when
        "2026-11-24T09:00 | | | has already passed",
        "08:00:00 yesterday | | | is not a date and time I can read",
        "2026-11-25T09:00Z | | | without an offset or zone",
        "2026-11-25T09:00+01:00 | | | without an offset or zone",
        "2040-01-01T09:00 | | | more than ten years ahead",
        // in
        " | soon | | is not a delay I can read",
        " | 0 minutes | | must be more than zero",
        " | -PT5M | | must be more than zero",
        " | 20 fortnights | | is not a delay I can read",
        " | minutes 20 | | is not a delay I can read",
        // cron
        " | | 0 8 * * | is not a cron expression of 5 fields",
        " | | 0 0 8 * * 1 | is not a cron expression of 5 fields",
        " | | 61 8 * * 1 | is not a valid cron expression",
        " | | 0 8 * * FUNDAY | is not a valid cron expression",
        " | | 0 9 30 2 * | never fires",
        // combinations
        " | | | Say when the reminder is due",
        "2026-11-25T09:00 | | 0 8 * * 1 | Give only one of",
        "2026-11-25T09:00 | PT5M | | Give only one of",
      })
  void badInputIsRefusedWithASentence(String when, String in, String cron, String reason) {
    Timing timing =
        ReminderTimes.resolve(when, in, cron, BERLIN, Instant.parse("2026-11-24T08:30:00Z"));

    assertThat(timing).isInstanceOf(Refused.class);
    assertThat(((Refused) timing).reason()).contains(reason).endsWith(".");
  }

  @Test
  void describesTheLocalTimeWithItsWeekday() {
    assertThat(ReminderTimes.describe(Instant.parse("2027-03-28T07:00:00Z").atZone(BERLIN)))
        .isEqualTo("Sunday, 28 March 2027 at 09:00");
    assertThat(ReminderTimes.describe(Instant.parse("2027-03-28T07:00:05Z").atZone(BERLIN)))
        .isEqualTo("Sunday, 28 March 2027 at 09:00:05");
  }
}
