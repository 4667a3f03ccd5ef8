package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/**
 * One user's slow answer does not hold up another user, and one user's quick messages are answered
 * one at a time, in order, each with the turns before it.
 */
class FairnessTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aSlowAnswerForOneUserDoesNotDelayAnotherAndEachUserIsAnsweredInOrder() {
    UserDto slow = fixture.start(1181, "Hanna", "UTC");
    UserDto quick = fixture.start(1182, "Ivo", "UTC");
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Hanna.") && "first".equals(request.lastUserText())
                ? OpenAiAnswer.text("You said: first").withLatency(Duration.ofSeconds(3))
                : null);
    int slowBefore = fixture.sentTexts(slow).size();
    int quickBefore = fixture.sentTexts(quick).size();

    fixture.telegram.pushTextMessage(slow.telegramId(), "first");
    fixture.telegram.pushTextMessage(slow.telegramId(), "second");
    fixture.telegram.pushTextMessage(slow.telegramId(), "third");
    fixture.telegram.pushTextMessage(quick.telegramId(), "hello");
    fixture.telegram.awaitSentMessages(
        slow.telegramId(), slowBefore + 3, ConversationFixture.PATIENCE);
    fixture.telegram.awaitSentMessages(
        quick.telegramId(), quickBefore + 1, ConversationFixture.PATIENCE);

    List<String> answered =
        fixture.sentMessages().stream()
            .filter(
                call ->
                    slow.telegramId().equals(call.chatId())
                        || quick.telegramId().equals(call.chatId()))
            .map(TelegramCall::text)
            .filter(text -> text.startsWith("You said: "))
            .toList();
    // Ivo was answered while Hanna's first answer was still being written
    assertThat(answered)
        .containsExactly(
            "You said: hello", "You said: first", "You said: second", "You said: third");
    // Hanna's later messages were only put to the model once the earlier ones were answered
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
