package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * One user's slow answer does not hold up another user, and one user's quick messages are answered
 * one at a time, in order, each with the turns before it.
 */
class FairnessTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aSlowAnswerForOneUserDoesNotDelayAnotherAndEachUserIsAnsweredInOrder() {
    UserDto slow = fixture.user(1181, "Hanna", "UTC");
    UserDto quick = fixture.user(1182, "Ivo", "UTC");
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Hanna.") && "first".equals(request.lastUserText())
                ? OpenAiAnswer.text("You said: first").withLatency(Duration.ofSeconds(3))
                : null);

    Envelope first = fixture.send(slow, "first");
    Envelope second = fixture.send(slow, "second");
    Envelope third = fixture.send(slow, "third");
    Envelope other = fixture.send(quick, "hello");
    await()
        .atMost(ConversationFixture.ANSWER_PATIENCE)
        .until(
            () ->
                List.of(first, second, third, other).stream()
                    .noneMatch(message -> fixture.answersTo(message).isEmpty()));

    List<String> answered =
        fixture.outbox().stream()
            .filter(
                answer ->
                    List.of(first, second, third, other).stream()
                        .anyMatch(m -> m.id().toString().equals(answer.attr("inReplyTo"))))
            .map(Envelope::text)
            .toList();
    // Ivo was answered while Hanna's first answer was still being written
    assertThat(answered)
        .containsExactly(
            "You said: hello", "You said: first", "You said: second", "You said: third");
    // Hanna's later messages were only asked once the earlier ones were answered
    List<OpenAiRequest> hanna =
        llm.requests().stream().filter(r -> r.systemPromptContains("Name: Hanna.")).toList();
    assertThat(hanna)
        .extracting(OpenAiRequest::lastUserText)
        .containsExactly("first", "second", "third");
    assertThat(hanna.get(2).messages())
        .extracting(OpenAiMessage::content)
        .containsSubsequence("first", "You said: first", "second", "You said: second", "third");
  }
}
