package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleRulesTest {

  @Test
  void acceptsFiveFieldExpressions() {
    assertThat(ScheduleRules.problem("0 9 * * 1-5")).isEmpty();
    assertThat(ScheduleRules.problem("*/15 8-18 * * MON-FRI")).isEmpty();
    assertThat(ScheduleRules.problem("30 7 1 JAN *")).isEmpty();
  }

  @Test
  void refusesOtherFieldCountsAndInvalidValues() {
    assertThat(ScheduleRules.problem("0 0 9 * * *")).get().asString().contains("5 fields");
    assertThat(ScheduleRules.problem("@daily")).get().asString().contains("5 fields");
    assertThat(ScheduleRules.problem("61 9 * * *")).get().asString().contains("not a valid");
    assertThat(ScheduleRules.problem("0 25 * * *")).isPresent();
    assertThat(ScheduleRules.problem(" ")).isPresent();
  }

  @Test
  void followsTheWallClockAcrossDaylightSavingTime() {
    // Europe/Berlin moves to summer time on 2026-03-29: 09:00 local is 08:00Z before, 07:00Z after
    Instant beforeChange =
        ScheduleRules.next("0 9 * * *", "Europe/Berlin", Instant.parse("2026-03-28T00:00:00Z"));
    Instant afterChange =
        ScheduleRules.next("0 9 * * *", "Europe/Berlin", Instant.parse("2026-03-29T00:00:00Z"));

    assertThat(beforeChange).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
    assertThat(afterChange).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
  }

  @Test
  void shortestGapSeesGapsWithinHoursDaysAndAcrossMonthEnds() {
    Instant from = Instant.parse("2026-12-04T06:00:00Z");

    assertThat(ScheduleRules.shortestGap("* * * * *", "UTC", from)).contains(Duration.ofMinutes(1));
    assertThat(ScheduleRules.shortestGap("*/5 * * * *", "UTC", from))
        .contains(Duration.ofMinutes(5));
    assertThat(ScheduleRules.shortestGap("0,1 9 * * *", "Europe/Berlin", from))
        .contains(Duration.ofMinutes(1));
    assertThat(ScheduleRules.shortestGap("0 9 * * *", "UTC", from)).contains(Duration.ofDays(1));
    // the day clocks spring forward is 23 hours long
    assertThat(ScheduleRules.shortestGap("0 9 * * *", "Europe/Berlin", from))
        .contains(Duration.ofHours(23));
    // 23:58 on the 31st, then 00:00 on the 1st: only where a month of 31 days ends
    assertThat(ScheduleRules.shortestGap("0,58 0,23 1,31 * *", "UTC", from))
        .contains(Duration.ofMinutes(2));
    assertThat(ScheduleRules.shortestGap("0 9 29 2 *", "UTC", from)).isEmpty();
  }
}
