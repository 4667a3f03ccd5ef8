package org.smartassistant.common.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReminderCronTest {

  @Test
  void readsFiveFieldsAndNormalisesTheSpaces() {
    assertThat(ReminderCron.parse(" 0  8 * *   1 ").expression()).isEqualTo("0 8 * * 1");
  }

  @Test
  void refusesMacrosOtherFieldCountsAndBadValues() {
    assertThatThrownBy(() -> ReminderCron.parse("@daily"))
        .isInstanceOfSatisfying(
            ReminderCron.Invalid.class, e -> assertThat(e.wrongFieldCount()).isTrue());
    assertThatThrownBy(() -> ReminderCron.parse("0 0 9 * * *"))
        .isInstanceOfSatisfying(
            ReminderCron.Invalid.class, e -> assertThat(e.fields()).isEqualTo(6));
    assertThatThrownBy(() -> ReminderCron.parse("61 9 * * *"))
        .isInstanceOfSatisfying(
            ReminderCron.Invalid.class, e -> assertThat(e.wrongFieldCount()).isFalse());
    assertThatThrownBy(() -> ReminderCron.parse(" ")).isInstanceOf(ReminderCron.Invalid.class);
  }

  @Test
  void aDayMustMatchBothRestrictedDayFields() {
    // the next Friday the 13th after 2026-01-01 is in February
    assertThat(
            ReminderCron.parse("0 9 13 * 5")
                .next(Instant.parse("2026-01-01T00:00:00Z"), ZoneId.of("UTC")))
        .isEqualTo(Instant.parse("2026-02-13T09:00:00Z"));
  }

  @Test
  void aLocalTimeThatOccursTwiceFiresOnceAtItsSecondOccurrence() {
    // 2026-10-25 in Berlin: 02:30 CEST (00:30 UTC), then again 02:30 CET (01:30 UTC)
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    ReminderCron daily = ReminderCron.parse("30 2 * * *");
    assertThat(daily.next(Instant.parse("2026-10-24T12:00:00Z"), berlin))
        .isEqualTo(Instant.parse("2026-10-25T01:30:00Z"));
    assertThat(daily.next(Instant.parse("2026-10-25T01:30:00Z"), berlin))
        .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    // every quarter hour: the repeated hour is walked once, in its second (CET) pass
    ReminderCron quarterly = ReminderCron.parse("*/15 * * * *");
    assertThat(quarterly.next(Instant.parse("2026-10-24T23:45:00Z"), berlin))
        .isEqualTo(Instant.parse("2026-10-25T01:00:00Z"));
  }

  @Test
  void aLocalTimeThatDoesNotExistIsSkippedThatDay() {
    // 2026-03-29 in Berlin: no 02:30
    assertThat(
            ReminderCron.parse("30 2 * * *")
                .next(Instant.parse("2026-03-28T12:00:00Z"), ZoneId.of("Europe/Berlin")))
        .isEqualTo(Instant.parse("2026-03-30T00:30:00Z"));
  }
}
