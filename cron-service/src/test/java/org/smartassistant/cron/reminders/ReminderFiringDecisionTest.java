package org.smartassistant.cron.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderRunStatus;

/** What a firing becomes, by how late it is, the two limits and the reminder's policy. */
class ReminderFiringDecisionTest {

  private static final Instant DUE = Instant.parse("2026-12-04T09:00:00Z");

  private static ReminderFiring firing(Duration misfireLimit, Duration lateAfter) {
    SchedulerProperties properties =
        new SchedulerProperties(
            Duration.ofMinutes(1),
            200,
            misfireLimit,
            lateAfter,
            10,
            Duration.ofSeconds(10),
            Duration.ofMinutes(5),
            Duration.ofSeconds(1));
    return new ReminderFiring(
        null, null, properties, Clock.systemUTC(), null, new SimpleMeterRegistry());
  }

  private static ReminderRunStatus decide(
      ReminderFiring firing, Duration lateness, MissedRunPolicy policy) {
    return firing.decide(DUE, DUE.plus(lateness), policy);
  }

  @Test
  void withTheDefaultLimitsOnTimeLateAndMissed() {
    ReminderFiring firing = firing(Duration.ofHours(24), Duration.ofMinutes(1));

    assertThat(decide(firing, Duration.ofSeconds(30), MissedRunPolicy.DELIVER_LATE))
        .isEqualTo(ReminderRunStatus.DELIVERED);
    assertThat(decide(firing, Duration.ofMinutes(5), MissedRunPolicy.DELIVER_LATE))
        .isEqualTo(ReminderRunStatus.LATE);
    assertThat(decide(firing, Duration.ofHours(25), MissedRunPolicy.DELIVER_LATE))
        .isEqualTo(ReminderRunStatus.MISSED);
    assertThat(decide(firing, Duration.ofSeconds(30), MissedRunPolicy.SKIP))
        .isEqualTo(ReminderRunStatus.DELIVERED);
    assertThat(decide(firing, Duration.ofMinutes(5), MissedRunPolicy.SKIP))
        .isEqualTo(ReminderRunStatus.SKIPPED);
  }

  @Test
  void aMisfireLimitShorterThanLateAfterStillMakesAFiringBeyondItMissed() {
    ReminderFiring firing = firing(Duration.ofSeconds(30), Duration.ofMinutes(1));

    assertThat(decide(firing, Duration.ofSeconds(20), MissedRunPolicy.DELIVER_LATE))
        .isEqualTo(ReminderRunStatus.DELIVERED);
    assertThat(decide(firing, Duration.ofSeconds(45), MissedRunPolicy.DELIVER_LATE))
        .isEqualTo(ReminderRunStatus.MISSED);
    assertThat(decide(firing, Duration.ofSeconds(45), MissedRunPolicy.SKIP))
        .isEqualTo(ReminderRunStatus.SKIPPED);
  }
}
