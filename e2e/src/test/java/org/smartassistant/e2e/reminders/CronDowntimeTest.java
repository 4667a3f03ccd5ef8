package org.smartassistant.e2e.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * cron-service down at a reminder's time: after its restart the reminder is delivered once and
 * marked late (within the misfire limit), or, beyond the limit, recorded missed and the user told
 * once; a recurring reminder whose missed-run policy is {@code skip} is not delivered, and the user
 * is told once that the run was skipped. The one scenario of the suite that waits out a minute of
 * downtime.
 */
class CronDowntimeTest {

  static final Duration READY = Duration.ofSeconds(120);

  final ReminderFixture fixture = ReminderFixture.get();
  final Suite suite = fixture.suite;
  final FakeOpenAi llm = suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aReminderDueWhileCronServiceIsDownIsDeliveredOnceMarkedLateAfterItsRestart()
      throws Exception {
    UserDto user = fixture.user(1126, "Wim", "Europe/Amsterdam");
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Wim.")
                ? OpenAiAnswer.text("Wim, sorry for the delay: call the plumber.")
                : null);
    ReminderDto reminder = fixture.reminder(user, "call the plumber", Instant.now().plusSeconds(8));
    assertThat(reminder.missedRunPolicy()).isEqualTo(MissedRunPolicy.DELIVER_LATE);
    awaitInQuartz(reminder);

    suite.instance(Service.CRON).stop();
    assertThat(Instant.now())
        .as("cron-service stopped before the reminder's time")
        .isBefore(reminder.triggerAt());
    try {
      // down across the reminder's time and a minute beyond it
      sleepUntil(reminder.triggerAt().plusSeconds(60));
      assertThat(fixture.telegramTexts(user)).isEmpty();
    } finally {
      suite.start(Service.CRON).awaitReady(READY);
    }

    await().atMost(ReminderFixture.PATIENCE).until(() -> !fixture.telegramTexts(user).isEmpty());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.telegramTexts(user).size() == 1);
    assertThat(fixture.telegramTexts(user).get(0))
        .startsWith("Wim, sorry for the delay: call the plumber.")
        .contains("Late: was due at");
    List<Envelope> notices = fixture.inboxNoticesOf(reminder.id());
    assertThat(notices).extracting(notice -> notice.attr("status")).containsExactly("late");
    assertThat(llm.lastRequest().lastUserText()).contains("say that it comes late");
    assertThat(fixture.runsOf(reminder))
        .extracting(ReminderRunDto::status)
        .containsExactly(ReminderRunStatus.LATE);
    assertThat(fixture.rest.reminder(reminder.id()).status()).isEqualTo(ReminderStatus.COMPLETED);
  }

  @Test
  void beyondTheMisfireLimitTheReminderIsRecordedMissedAndTheUserToldOnce() throws Exception {
    UserDto user = fixture.user(1127, "Xena", "America/Chicago");
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Xena.")
                ? OpenAiAnswer.text("Xena, I could not remind you in time: renew the passport.")
                : null);
    Map<String, String> limit30s = Map.of("REMINDER_MISFIRE_LIMIT", "30s");

    suite.instance(Service.CRON).stop();
    ServiceProcess limited = null;
    ReminderDto reminder;
    try {
      // created while cron-service is down: it learns of it from the pull at its start
      reminder = fixture.reminder(user, "renew the passport", Instant.now().plusSeconds(2));
      sleepUntil(reminder.triggerAt().plusSeconds(32));
      limited = suite.start(Service.CRON, limit30s);
      limited.awaitReady(READY);

      await().atMost(ReminderFixture.PATIENCE).until(() -> !fixture.telegramTexts(user).isEmpty());
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> fixture.telegramTexts(user).size() == 1);
    } finally {
      // the rest of the suite runs with the default limit again
      if (limited != null) {
        limited.stop();
      }
      suite.start(Service.CRON).awaitReady(READY);
    }

    assertThat(fixture.telegramTexts(user).get(0))
        .startsWith("Xena, I could not remind you in time: renew the passport.")
        .contains("Missed: it was due at");
    assertThat(fixture.inboxNoticesOf(reminder.id()))
        .extracting(notice -> notice.attr("status"))
        .containsExactly("missed");
    assertThat(llm.lastRequest().lastUserText()).contains("this reminder was missed");
    assertThat(fixture.runsOf(reminder))
        .extracting(ReminderRunDto::status)
        .containsExactly(ReminderRunStatus.MISSED);
    assertThat(fixture.rest.reminder(reminder.id()).status()).isEqualTo(ReminderStatus.MISSED);
  }

  @Test
  void aRecurringRunMissedWhileCronServiceIsDownIsSkippedWithOneNoteWhenItsPolicyIsSkip()
      throws Exception {
    String zone = "Europe/Lisbon";
    UserDto user = fixture.user(1128, "Yara", zone);
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Yara.")
                ? OpenAiAnswer.text("Yara, I skipped your reminder to take the pill.")
                : null);
    // daily at the next whole minute that leaves time to schedule it
    ZonedDateTime slot =
        ZonedDateTime.now(ZoneId.of(zone)).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    if (Duration.between(Instant.now(), slot.toInstant()).toSeconds() < 20) {
      slot = slot.plusMinutes(1);
    }
    ReminderDto reminder =
        fixture.rest.createReminder(
            CreateReminderRequest.recurring(
                    user.id(),
                    slot.getMinute() + " " + slot.getHour() + " * * *",
                    zone,
                    "take the pill")
                .withMissedRunPolicy(MissedRunPolicy.SKIP));
    assertThat(reminder.missedRunPolicy()).isEqualTo(MissedRunPolicy.SKIP);
    assertThat(reminder.nextTriggerAt()).isEqualTo(slot.toInstant());
    awaitInQuartz(reminder);

    suite.instance(Service.CRON).stop();
    ServiceProcess restarted = null;
    try {
      // down across the run; back with a short late-after, so that its catch-up counts as missed
      sleepUntil(slot.toInstant().plusSeconds(10));
      restarted = suite.start(Service.CRON, Map.of("REMINDER_LATE_AFTER", "5s"));
      restarted.awaitReady(READY);

      await().atMost(ReminderFixture.PATIENCE).until(() -> !fixture.telegramTexts(user).isEmpty());
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .until(() -> fixture.telegramTexts(user).size() == 1);
    } finally {
      // the rest of the suite runs with the default settings again
      if (restarted != null) {
        restarted.stop();
      }
      suite.start(Service.CRON).awaitReady(READY);
    }

    assertThat(fixture.telegramTexts(user).get(0))
        .startsWith("Yara, I skipped your reminder to take the pill.")
        .contains("Skipped: it was due at");
    assertThat(fixture.inboxNoticesOf(reminder.id()))
        .extracting(notice -> notice.attr("status"))
        .containsExactly("skipped");
    assertThat(llm.lastRequest().lastUserText()).contains("this reminder was skipped");
    assertThat(fixture.runsOf(reminder))
        .extracting(ReminderRunDto::status, ReminderRunDto::scheduledFor)
        .containsExactly(tuple(ReminderRunStatus.SKIPPED, slot.toInstant()));
    ReminderDto after = fixture.rest.reminder(reminder.id());
    assertThat(after.status()).isEqualTo(ReminderStatus.ACTIVE);
    assertThat(after.lastTriggeredAt()).isNull();
    assertThat(after.nextTriggerAt()).isEqualTo(slot.plusDays(1).toInstant());
  }

  /**
   * Waits until cron-service has the reminder's trigger in its Quartz job store (the job is named
   * after the reminder), so that stopping it leaves a stored trigger to recover.
   */
  private void awaitInQuartz(ReminderDto reminder) {
    Map<String, String> environment = suite.environment();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              try (Connection connection =
                      DriverManager.getConnection(
                          suite.databaseUrl(),
                          environment.get("DATABASE_USER"),
                          environment.get("DATABASE_PASSWORD"));
                  PreparedStatement query =
                      connection.prepareStatement(
                          "select count(*) from quartz.qrtz_triggers where job_name = ?")) {
                query.setString(1, reminder.id().toString());
                try (ResultSet result = query.executeQuery()) {
                  return result.next() && result.getInt(1) > 0;
                }
              } catch (SQLException e) {
                return false;
              }
            });
  }

  private static void sleepUntil(Instant instant) throws InterruptedException {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      Thread.sleep(millis);
    }
  }
}
