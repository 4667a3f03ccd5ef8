package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecurringSlotsTest {

  /** Monday 2026-11-23 00:00 UTC: a week from here shows which days of the week fire. */
  private static final Instant MONDAY = Instant.parse("2026-11-23T00:00:00Z");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0 8 * * 1        | MON",
        "0 8 * * 0        | SUN",
        "0 8 * * 7        | SUN",
        "0 8 * * 6        | SAT",
        "0 8 * * 1-5      | MON TUE WED THU FRI",
        "0 8 * * 5-7      | FRI SAT SUN",
        "0 8 * * 1,3,5    | MON WED FRI",
        "0 8 * * MON,sun  | MON SUN",
        // the dialect's step counts from Monday (ReminderCron = Spring's CronExpression)
        "0 8 * * */2      | MON WED FRI SUN",
      })
  void numbersTheDaysOfTheWeekZeroOrSevenForSunday(String cron, String days) {
    List<String> fired = new ArrayList<>();
    for (Instant slot : slots(cron, "UTC", MONDAY, MONDAY.plusSeconds(7 * 86_400))) {
      assertThat(slot.atZone(ZoneOffset.UTC).getHour()).isEqualTo(8);
      fired.add(slot.atZone(ZoneOffset.UTC).getDayOfWeek().name().substring(0, 3));
    }
    assertThat(fired).containsExactlyElementsOf(Arrays.asList(days.split(" ")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // last Friday of the month, third Friday of the month
        "0 8 * * 5L       | 2026-11-27T08:00:00Z | 2026-12-25T08:00:00Z",
        "0 8 * * 5#3      | 2026-12-18T08:00:00Z | 2027-01-15T08:00:00Z",
        "*/15 * * * *     | 2026-11-22T12:15:00Z | 2026-11-22T12:30:00Z",
        "30 9 1 * *       | 2026-12-01T09:30:00Z | 2027-01-01T09:30:00Z",
        "0 0 L * *        | 2026-11-30T00:00:00Z | 2026-12-31T00:00:00Z",
        "0 12 * jan-mar * | 2027-01-01T12:00:00Z | 2027-01-02T12:00:00Z",
        "0 9-17 * * ?     | 2026-11-22T13:00:00Z | 2026-11-22T14:00:00Z",
        // both day fields restricted: a Friday that is the 13th
        "0 9 13 * 5       | 2027-08-13T09:00:00Z | 2028-10-13T09:00:00Z",
      })
  void followsEachFieldOfTheDialect(String cron, String first, String second) {
    RecurringSlots slots = RecurringSlots.of(cron, "UTC");
    Instant sundayNoon = Instant.parse("2026-11-22T12:00:00Z");

    Instant one = slots.nextAfter(sundayNoon);
    assertThat(one).isEqualTo(Instant.parse(first));
    assertThat(slots.nextAfter(one)).isEqualTo(Instant.parse(second));
    assertThat(slots.firstFrom(one)).isEqualTo(one);
    assertThat(slots.isSlot(one)).isTrue();
    assertThat(slots.isSlot(one.plusSeconds(1))).isFalse();
  }

  @Test
  void theSpringForwardDayInBerlinHasTwentyThreeHourlySlotsAndTheFallBackDayTwentyFour() {
    // 2026-03-29 00:00 CET .. 2026-03-30 00:00 CEST is 23 hours; no 02:00
    List<Instant> spring =
        slots(
            "0 * * * *",
            "Europe/Berlin",
            Instant.parse("2026-03-28T23:00:00Z"),
            Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(spring).hasSize(23);
    assertThat(spring)
        .extracting(slot -> slot.atZone(ZoneId.of("Europe/Berlin")).getHour())
        .doesNotContain(2);
    // 2026-10-25 is 25 hours long; 02:00 happens twice and is a slot once, at its second time
    List<Instant> fall =
        slots(
            "0 * * * *",
            "Europe/Berlin",
            Instant.parse("2026-10-24T22:00:00Z"),
            Instant.parse("2026-10-25T23:00:00Z"));
    assertThat(fall).hasSize(24).contains(Instant.parse("2026-10-25T01:00:00Z"));
    assertThat(fall).doesNotContain(Instant.parse("2026-10-25T00:00:00Z"));
  }

  @Test
  void theNewestSlotIsBoundedByBothEnds() {
    RecurringSlots daily = RecurringSlots.of("0 8 * * *", "UTC");
    Instant end = Instant.parse("2026-11-24T12:00:00Z");

    assertThat(daily.latest(null, end)).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(daily.latest(null, Instant.parse("2026-11-24T08:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(daily.latest(Instant.parse("2026-11-24T08:00:00Z"), end))
        .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    assertThat(daily.latest(Instant.parse("2026-11-24T08:00:00.001Z"), end)).isNull();
    // three days down: the newest of the missed slots
    assertThat(daily.latest(Instant.parse("2026-11-21T08:00:00Z"), end))
        .isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0 8 * *",
        "0 8 * * * *",
        "61 8 * * *",
        "0 25 * * *",
        "0 8 * * 8",
        "0 8 * * XYZ",
        "0 8 32 * *",
        "0 8 * 13 *",
        "a b c d e",
        "0 8 * * 1-",
        // a range across the week's end is outside the dialect: rest-service refuses it too
        "0 8 * * fri-mon"
      })
  void refusesWhatIsNotAFiveFieldCron(String cron) {
    assertThatThrownBy(() -> RecurringSlots.of(cron, "UTC"))
        .isInstanceOf(InvalidScheduleException.class);
  }

  @Test
  void refusesAMissingOrUnknownZone() {
    assertThatThrownBy(() -> RecurringSlots.of("0 8 * * *", null))
        .isInstanceOf(InvalidScheduleException.class);
    assertThatThrownBy(() -> RecurringSlots.of("0 8 * * *", "Mars/Olympus"))
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("Mars/Olympus");
  }

  /** The slots from {@code from} (inclusive) until {@code to} (exclusive). */
  private static List<Instant> slots(String cron, String zone, Instant from, Instant to) {
    RecurringSlots slots = RecurringSlots.of(cron, zone);
    List<Instant> found = new ArrayList<>();
    for (Instant slot = slots.firstFrom(from);
        slot != null && slot.isBefore(to);
        slot = slots.nextAfter(slot)) {
      found.add(slot);
    }
    return found;
  }
}
