package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderType;

class ReminderTriggeredTest {

  static final Instant DUE = Instant.parse("2026-11-24T08:00:00Z");

  @Test
  void writesTheStatusAndTheLateFlagDerivedFromIt() {
    ReminderTriggered missed =
        new ReminderTriggered(
            "r1",
            DUE,
            "call mum",
            ReminderTiming.of(ReminderRunStatus.MISSED),
            ReminderType.ONE_TIME,
            "Europe/Paris");

    assertThat(missed.toAttrs())
        .containsExactly(
            Map.entry("reminderId", "r1"),
            Map.entry("scheduledFor", "2026-11-24T08:00:00Z"),
            Map.entry("text", "call mum"),
            Map.entry("status", "missed"),
            Map.entry("late", "true"),
            Map.entry("type", "one_time"),
            Map.entry("timezone", "Europe/Paris"));
    assertThat(ReminderTiming.of(ReminderRunStatus.DELIVERED).wireName()).isEqualTo("delivered");
    assertThat(ReminderTiming.ON_TIME.late()).isFalse();
  }

  @Test
  void readsWhatItWrites() {
    ReminderTriggered late =
        new ReminderTriggered(
            "r2", DUE, "stretch", ReminderTiming.LATE, ReminderType.RECURRING, null);

    assertThat(ReminderTriggered.of(envelope("stretch", late.toAttrs()))).isEqualTo(late);
  }

  @Test
  void theStatusDecidesAndTheFlagAloneMeansLate() {
    assertThat(read(Map.of("status", "missed", "late", "true"))).isEqualTo(ReminderTiming.MISSED);
    assertThat(read(Map.of("status", "delivered", "late", "false")))
        .isEqualTo(ReminderTiming.ON_TIME);
    assertThat(read(Map.of("late", "true"))).isEqualTo(ReminderTiming.LATE);
    assertThat(read(Map.of())).isEqualTo(ReminderTiming.ON_TIME);
  }

  @Test
  void readsOddAttributesAsNone() {
    ReminderTriggered odd =
        ReminderTriggered.of(
            envelope(
                " from the envelope ",
                Map.of("reminderId", " ", "scheduledFor", "soon", "type", "weekly")));

    assertThat(odd.reminderId()).isNull();
    assertThat(odd.scheduledFor()).isNull();
    assertThat(odd.type()).isNull();
    assertThat(odd.text()).isEqualTo("from the envelope");
  }

  static ReminderTiming read(Map<String, String> attrs) {
    return ReminderTriggered.of(envelope("x", attrs)).timing();
  }

  static Envelope envelope(String text, Map<String, String> attrs) {
    return Envelope.of(EnvelopeType.REMINDER_TRIGGERED, 1L, 2L, text, "cron-service", DUE)
        .withAttrs(attrs);
  }
}
