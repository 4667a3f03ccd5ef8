package org.smartassistant.e2e.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * A blocked user's reminder comes due through the running suite: cron-service records the run
 * {@code skipped} with rest-service and writes nothing to the inbox, so the model is not asked and
 * nothing is sent to Telegram.
 */
class BlockedUserReminderTest {

  final ReminderFixture fixture = ReminderFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aBlockedUsersDueReminderIsSkippedWithoutAModelCallOrATelegramMessage() {
    UserDto user = fixture.user(1131, "Greta", "UTC");
    String text = "water the plants on the balcony";
    AtomicInteger modelCalls = new AtomicInteger();
    llm.respondWith(
        request -> {
          String asked = request.lastUserText();
          if (!request.systemPromptContains("Name: Greta.")
              && (asked == null || !asked.contains(text))) {
            return null;
          }
          modelCalls.incrementAndGet();
          return OpenAiAnswer.text("Greta, time to water the plants!");
        });
    ReminderDto reminder = fixture.reminder(user, text, Instant.now().plusSeconds(4));
    fixture.rest.updateUser(
        user.id(), new UpdateUserRequest(null, null, null, null, null, UserStatus.BLOCKED));

    await().atMost(ReminderFixture.PATIENCE).until(() -> !fixture.runsOf(reminder).isEmpty());

    assertThat(fixture.runsOf(reminder))
        .extracting(ReminderRunDto::status)
        .containsExactly(ReminderRunStatus.SKIPPED);
    assertThat(fixture.rest.reminder(reminder.id()).status()).isEqualTo(ReminderStatus.CANCELLED);
    // nothing follows the skipped run: no notice, no model call, no message
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                fixture.inboxNoticesOf(reminder.id()).isEmpty()
                    && modelCalls.get() == 0
                    && fixture.telegramMessages(user).isEmpty());
    assertThat(llm.requests())
        .noneMatch(
            request -> request.lastUserText() != null && request.lastUserText().contains(text));
    assertThat(fixture.suite.telegram().calls("sendMessage"))
        .noneMatch(call -> user.telegramId().equals(call.chatId()));
  }
}
