package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/** The model failing: retried with backoff, then exactly one apology and one dead letter. */
class LlmFailureTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void twoServerErrorsThenAnAnswerGiveExactlyOneReply() {
    UserDto user = fixture.user(1161, "Elio", "UTC");
    AtomicInteger calls = new AtomicInteger();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Elio.")) {
            return null;
          }
          return calls.incrementAndGet() <= 2
              ? OpenAiAnswer.serverError()
              : OpenAiAnswer.text("Here I am again.");
        });

    Envelope message = fixture.send(user, "Are you there?");
    Envelope reply = fixture.awaitAnswer(message);

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(reply.text()).isEqualTo("Here I am again.");
    assertThat(calls).hasValue(3);
    // nothing more comes for this message
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.answersTo(message).size() == 1);
    assertThat(fixture.deadLettersOf(message)).isEmpty();
  }

  @Test
  void aModelThatAlwaysFailsGivesExactlyOneApologyAndOneDeadLetter() {
    UserDto user = fixture.user(1162, "Fiona", "UTC");
    AtomicInteger calls = new AtomicInteger();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Fiona.")) {
            return null;
          }
          calls.incrementAndGet();
          return OpenAiAnswer.serverError();
        });

    Envelope message = fixture.send(user, "Hello?");
    await()
        .atMost(ConversationFixture.ANSWER_PATIENCE)
        .until(
            () ->
                fixture.deadLettersOf(message).size() == 1
                    && !fixture.answersTo(message).isEmpty());
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.answersTo(message).size() == 1);

    List<Envelope> answers = fixture.answersTo(message);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).type()).isEqualTo(EnvelopeType.ERROR);
    assertThat(answers.get(0).chatId()).isEqualTo(user.telegramId());
    assertThat(answers.get(0).text()).startsWith("Sorry");
    assertThat(fixture.deadLettersOf(message)).hasSize(1);
    assertThat(fixture.deadLettersOf(message).get(0).get("attempts")).isEqualTo("3");
    // three deliveries, each with the client's own retries: bounded, never endless
    assertThat(calls.get()).isEqualTo(9);
  }
}
