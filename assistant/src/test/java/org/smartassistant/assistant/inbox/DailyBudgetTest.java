package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.assistant.reminders.ReminderAnnouncer;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A user over the day's token budget (1000 here) gets one clear message and no model call; a
 * reminder due then is delivered with its own text; the next day (the clock moved) they are
 * answered again. The day's usage is what the assistant recorded in (fake) rest-service.
 */
@TestPropertySource(
    properties = {
      "smart.llm.prices=gpt-4o-mini=1.00/2.00,gpt-4o=5/15",
      "smart.limits.daily-tokens=1000"
    })
class DailyBudgetTest extends AssistantFlowTest {

  @Autowired MeterRegistry meters;

  @Test
  void overTheDailyBudgetNoModelIsAskedUntilTheNextDay() {
    String instructions = "You are Bea's secretary.";
    long user = newUser("Bea", "Europe/Paris", instructions);
    llm.respondWith(
        request ->
            request.systemPromptContains(instructions)
                ? OpenAiAnswer.text("Noted.").withUsage(900, 150)
                : null);
    double reachedBefore = budgetReached();

    Envelope first = onlyAnswerTo(send(user, "remember the milk"));
    assertThat(first.text()).isEqualTo("Noted.");
    // recorded once the reply is out, before the user's next message is handled
    await().atMost(WAIT).until(() -> !rest.usageOf(user).isEmpty());
    assertThat(rest.usageOf(user))
        .extracting(RecordUsageRequest::promptTokens, RecordUsageRequest::completionTokens)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(900L, 150L));

    // 1050 of 1000 tokens used today: no model call, one clear message
    Envelope second = onlyAnswerTo(send(user, "and the eggs"));
    assertThat(second.text())
        .isEqualTo(
            UserMessageHandler.overBudget(
                Instant.parse("2026-11-25T00:00:00Z"), ZoneId.of("Europe/Paris")))
        .contains("01:00 on Wednesday, 25 November (Europe/Paris)");
    assertThat(requestsOf(instructions)).hasSize(1);
    assertThat(budgetReached() - reachedBefore).isEqualTo(1);

    // a reminder due now is told in its own words, without the model
    Envelope reminder = sendReminder(user, "call mum");
    awaitAnswer(reminder);
    awaitProcessed();
    assertThat(answersTo(reminder))
        .singleElement()
        .extracting(Envelope::text)
        .isEqualTo(ReminderAnnouncer.plainText(reminder));
    assertThat(requestsOf(instructions)).hasSize(1);

    // the next day (UTC) the user is answered again
    CLOCK.advance(Duration.ofDays(1));
    Envelope nextDay = onlyAnswerTo(send(user, "good morning"));
    assertThat(nextDay.text()).isEqualTo("Noted.");
    assertThat(requestsOf(instructions)).hasSize(2);
    await().atMost(WAIT).until(() -> rest.usageOf(user).size() == 2);
    assertThat(rest.usageOf(user)).hasSize(2);
    assertThat(rest.usageOf(user).get(1).at()).isEqualTo(NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void anotherUserIsNotLimitedByOnesBudget() {
    String spenderInstructions = "You are Sam's secretary.";
    String otherInstructions = "You are Oli's secretary.";
    long spender = newUser("Sam", "UTC", spenderInstructions);
    long other = newUser("Oli", "UTC", otherInstructions);
    llm.respondWith(
        request ->
            request.systemPromptContains(spenderInstructions)
                    || request.systemPromptContains(otherInstructions)
                ? OpenAiAnswer.text("Sure.").withUsage(2000, 10)
                : null);

    assertThat(onlyAnswerTo(send(spender, "hi")).text()).isEqualTo("Sure.");
    assertThat(onlyAnswerTo(send(other, "hi")).text()).isEqualTo("Sure.");
    assertThat(onlyAnswerTo(send(spender, "again")).text()).startsWith("You have used up");
  }

  private double budgetReached() {
    var counter = meters.find("assistant.limits.reached").tag("limit", "daily_budget").counter();
    return counter == null ? 0 : counter.count();
  }
}
