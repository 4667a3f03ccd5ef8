package org.smartassistant.e2e.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/**
 * A reminder from the user's words to the user's Telegram chat at its time, through all five
 * services: tg-bot, the assistant with the {@code reminder_create} tool, rest-service,
 * cron-service's Quartz, and the assistant again telling it in the secretary's voice (or, with the
 * model down, as written).
 */
class ReminderDeliveryTest {

  /** The requirement: the message is in Telegram within a second of the reminder's time. */
  static final Duration ON_TIME = Duration.ofSeconds(1);

  final ReminderFixture fixture = ReminderFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aReminderAskedForInTheChatReachesTelegramAtItsTime() {
    UserDto user = fixture.user(1121, "Rita", "Europe/Berlin");
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Rita.")) {
            return null;
          }
          if (request.answersToolCalls()) {
            return OpenAiAnswer.text("Done: I will remind you in a few seconds.");
          }
          String asked = request.lastUserText();
          if (asked != null && asked.contains("Tell the user about this reminder")) {
            return OpenAiAnswer.text("Rita, time to stretch your legs!");
          }
          return OpenAiAnswer.toolCall(
              "reminder_create", "{\"text\":\"stretch your legs\",\"in\":\"PT8S\"}");
        });

    fixture.suite.telegram().pushTextMessage(user.telegramId(), "remind me in 8 s to stretch");

    await()
        .atMost(ReminderFixture.PATIENCE)
        .until(
            () ->
                fixture.telegramTexts(user).contains("Done: I will remind you in a few seconds."));
    ReminderDto reminder = only(fixture.remindersOf(user));
    assertThat(reminder.text()).isEqualTo("stretch your legs");
    assertThat(reminder.timezone()).isEqualTo("Europe/Berlin");
    assertThat(fixture.telegramTexts(user)).doesNotContain("Rita, time to stretch your legs!");

    TelegramCall told =
        await()
            .atMost(ReminderFixture.PATIENCE)
            .until(() -> reminderMessage(user, "Rita, time to stretch your legs!"), m -> m != null);

    Duration delay = Duration.between(reminder.triggerAt(), told.receivedAt());
    System.out.printf(
        "reminder due at %s reached Telegram at %s: %d ms after its time%n",
        reminder.triggerAt(), told.receivedAt(), delay.toMillis());
    assertThat(delay.isNegative()).as("told before its time: %s", delay).isFalse();
    assertThat(delay).isLessThanOrEqualTo(ON_TIME);
    assertThat(fixture.runsOf(reminder))
        .extracting(ReminderRunDto::status)
        .containsExactly(ReminderRunStatus.DELIVERED);
    await()
        .atMost(ReminderFixture.PATIENCE)
        .until(() -> fixture.rest.reminder(reminder.id()).status() == ReminderStatus.COMPLETED);
    // told once
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fixture.telegramTexts(user).stream()
                        .filter("Rita, time to stretch your legs!"::equals)
                        .count()
                    == 1);
  }

  @Test
  void withTheModelFailingAtFireTimeTheRemindersOwnTextReachesTheUser() {
    UserDto user = fixture.user(1122, "Sven", "UTC");
    AtomicInteger modelCalls = new AtomicInteger();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Sven.")) {
            return null;
          }
          modelCalls.incrementAndGet();
          return OpenAiAnswer.serverError();
        });
    ReminderDto reminder =
        fixture.reminder(user, "take the cake out of the oven", Instant.now().plusSeconds(4));

    TelegramCall told =
        await()
            .atMost(ReminderFixture.PATIENCE)
            .until(
                () -> reminderMessage(user, "⏰ Reminder: take the cake out of the oven"),
                m -> m != null);

    assertThat(told.receivedAt()).isAfterOrEqualTo(reminder.triggerAt());
    // the model was asked (and failed, with its retries) before the text went out as written
    assertThat(modelCalls.get()).isPositive();
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.telegramTexts(user).size() == 1);
    assertThat(fixture.runsOf(reminder))
        .extracting(ReminderRunDto::status)
        .containsExactly(ReminderRunStatus.DELIVERED);
  }

  private TelegramCall reminderMessage(UserDto user, String text) {
    return fixture.telegramMessages(user).stream()
        .filter(call -> text.equals(call.text()))
        .findFirst()
        .orElse(null);
  }

  private static <T> T only(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
