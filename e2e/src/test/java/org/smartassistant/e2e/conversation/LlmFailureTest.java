package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * The model failing is retried with backoff; when it keeps failing the user gets exactly one
 * apology and the message exactly one dead letter.
 */
class LlmFailureTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void twoServerErrorsThenAnAnswerGiveExactlyOneReply() {
    UserDto user = fixture.start(1161, "Elio", "UTC");
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
    int before = fixture.sentTexts(user).size();

    assertThat(fixture.say(user, "Are you there?")).isEqualTo("Here I am again.");

    // nothing more comes for this message
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);
    assertThat(calls).hasValue(3);
    assertThat(fixture.deadLettersOf(user)).isEmpty();
  }

  @Test
  void aModelThatAlwaysFailsGivesExactlyOneApologyAndOneDeadLetter() {
    UserDto user = fixture.start(1162, "Fiona", "UTC");
    AtomicInteger calls = new AtomicInteger();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Fiona.")) {
            return null;
          }
          calls.incrementAndGet();
          return OpenAiAnswer.serverError();
        });
    int before = fixture.sentTexts(user).size();

    String answer = fixture.say(user, "Hello?");
    await()
        .atMost(ConversationFixture.PATIENCE)
        .until(() -> fixture.deadLettersOf(user).size() == 1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);

    assertThat(answer).startsWith("Sorry");
    assertThat(fixture.deadLettersOf(user)).hasSize(1);
    assertThat(fixture.deadLettersOf(user).get(0).text()).isEqualTo("Hello?");
    assertThat(fixture.deadLetterFieldsOf(user).get(0).get("attempts")).isEqualTo("3");
    // three deliveries, each with the client's own two retries: bounded, never endless
    assertThat(calls).hasValue(9);
  }
}
