package org.smartassistant.rest.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  @Test
  void acceptsFiveFieldExpressions() {
    assertThat(CronSchedule.problem("0 9 * * 1-5")).isEmpty();
    assertThat(CronSchedule.problem("*/15 8-18 * * MON-FRI")).isEmpty();
    assertThat(CronSchedule.problem("30 7 1 JAN *")).isEmpty();
  }

  @Test
  void refusesOtherFieldCountsAndInvalidValues() {
    assertThat(CronSchedule.problem("0 0 9 * * *")).get().asString().contains("5 fields");
    assertThat(CronSchedule.problem("@daily")).get().asString().contains("5 fields");
    assertThat(CronSchedule.problem("61 9 * * *")).get().asString().contains("not a valid");
    assertThat(CronSchedule.problem("0 25 * * *")).isPresent();
    assertThat(CronSchedule.problem(" ")).isPresent();
  }

  @Test
  void followsTheWallClockAcrossDaylightSavingTime() {
    // Europe/Berlin moves to summer time on 2026-03-29: 09:00 local is 08:00Z before, 07:00Z after
    Instant beforeChange =
        CronSchedule.next("0 9 * * *", "Europe/Berlin", Instant.parse("2026-03-28T00:00:00Z"));
    Instant afterChange =
        CronSchedule.next("0 9 * * *", "Europe/Berlin", Instant.parse("2026-03-29T00:00:00Z"));

    assertThat(beforeChange).isEqualTo(Instant.parse("2026-03-28T08:00:00Z"));
    assertThat(afterChange).isEqualTo(Instant.parse("2026-03-29T07:00:00Z"));
  }

  @Test
  void shortestGapSeesGapsWithinHoursDaysAndAcrossMonthEnds() {
    Instant from = Instant.parse("2026-12-04T06:00:00Z");

    assertThat(CronSchedule.shortestGap("* * * * *", "UTC", from)).contains(Duration.ofMinutes(1));
    assertThat(CronSchedule.shortestGap("*/5 * * * *", "UTC", from))
        .contains(Duration.ofMinutes(5));
    assertThat(CronSchedule.shortestGap("0,1 9 * * *", "Europe/Berlin", from))
        .contains(Duration.ofMinutes(1));
    assertThat(CronSchedule.shortestGap("0 9 * * *", "UTC", from)).contains(Duration.ofDays(1));
    // the day clocks spring forward is 23 hours long
    assertThat(CronSchedule.shortestGap("0 9 * * *", "Europe/Berlin", from))
        .contains(Duration.ofHours(23));
    // 23:58 on the 31st, then 00:00 on the 1st: only where a month of 31 days ends
    assertThat(CronSchedule.shortestGap("0,58 0,23 1,31 * *", "UTC", from))
        .contains(Duration.ofMinutes(2));
    assertThat(CronSchedule.shortestGap("0 9 29 2 *", "UTC", from)).isEmpty();
  }
}
