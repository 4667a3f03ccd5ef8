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
}
