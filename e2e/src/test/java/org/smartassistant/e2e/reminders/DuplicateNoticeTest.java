package org.smartassistant.e2e.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * The same {@code reminder_triggered} in the inbox more than once (a redelivery, a second writer):
 * the user is told once.
 */
class DuplicateNoticeTest {

  final ReminderFixture fixture = ReminderFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void theSameReminderNoticeDeliveredTwiceGivesOneMessage() {
    UserDto user = fixture.user(1123, "Tara", "Europe/Madrid");
    AtomicInteger modelCalls = new AtomicInteger();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Tara.")) {
            return null;
          }
          modelCalls.incrementAndGet();
          return OpenAiAnswer.text("Tara, the plants need water.");
        });
    UUID reminderId = UUID.randomUUID();
    Instant scheduledFor = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Envelope notice = fixture.notice(user, reminderId, scheduledFor, "water the plants");

    // the very same entry twice, then the same reminder and time under another envelope id
    fixture.publisher.publish(notice);
    fixture.publisher.publish(notice);
    fixture.publisher.publish(notice.withId(UUID.randomUUID()));

    await()
        .atMost(ReminderFixture.PATIENCE)
        .until(() -> fixture.telegramTexts(user).contains("Tara, the plants need water."));
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .until(() -> fixture.telegramTexts(user).size() == 1);
    assertThat(fixture.inboxNoticesOf(reminderId)).hasSize(3);
    assertThat(fixture.outboxFor(user)).hasSize(1);
    assertThat(modelCalls.get()).isEqualTo(1);
  }
}
