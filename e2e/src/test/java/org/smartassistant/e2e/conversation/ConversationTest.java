package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * A user's conversation with the seeded secretary through the running suite: the prompt carries the
 * local date and time and the earlier turns, the {@code time} tool runs between two model calls,
 * the history survives the loss of its Redis window, and /reset forgets it.
 */
class ConversationTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void promptCarriesTheLocalTimeAndThePreviousTurns() {
    UserDto user = fixture.user(1151, "Aiko", "Asia/Tokyo");

    Envelope first = fixture.send(user, "Hello, I am Aiko.");
    assertThat(fixture.awaitAnswer(first).text()).isEqualTo("You said: Hello, I am Aiko.");
    Envelope second = fixture.send(user, "What day is it?");
    Envelope reply = fixture.awaitAnswer(second);

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(reply.chatId()).isEqualTo(user.telegramId());
    assertThat(reply.text()).isEqualTo("You said: What day is it?");
    OpenAiRequest request = lastRequestOf("Aiko");
    ZonedDateTime sent = request.receivedAt().atZone(ZoneId.of("Asia/Tokyo"));
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu, HH:mm", Locale.ENGLISH);
    assertThat(request.systemPrompt())
        .contains("personal secretary")
        .contains("Name: Aiko.")
        .contains("Time zone: Asia/Tokyo.")
        .containsAnyOf(
            format.format(sent) + " (Asia/Tokyo, UTC+09:00)",
            format.format(sent.minusMinutes(1)) + " (Asia/Tokyo, UTC+09:00)");
    assertThat(request.messages())
        .extracting(OpenAiMessage::role, OpenAiMessage::content)
        .containsSubsequence(
            org.assertj.core.groups.Tuple.tuple("user", "Hello, I am Aiko."),
            org.assertj.core.groups.Tuple.tuple("assistant", "You said: Hello, I am Aiko."),
            org.assertj.core.groups.Tuple.tuple("user", "What day is it?"));
  }

  @Test
  void timeToolResultGoesBackToTheModelAndTheFinalAnswerIsSent() {
    UserDto user = fixture.user(1152, "Bruno", "Europe/Lisbon");
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Bruno.")) {
            return null;
          }
          if (!request.answersToolCalls()) {
            return OpenAiAnswer.toolCall("time", "{\"timezone\":\"America/Sao_Paulo\"}");
          }
          return OpenAiAnswer.text("In São Paulo: " + request.lastMessage().content());
        });

    Envelope reply = fixture.awaitAnswer(fixture.send(user, "What time is it in São Paulo?"));

    List<OpenAiRequest> requests = requestsOf("Bruno");
    assertThat(requests).hasSize(2);
    // the seeded secretary links all standard tools; those implemented are offered
    assertThat(requests.get(0).toolNames()).contains("time");
    String toolResult = requests.get(1).lastMessage().content();
    assertThat(toolResult).contains("in America/Sao_Paulo (UTC-03:00)");
    assertThat(reply.text()).isEqualTo("In São Paulo: " + toolResult);
    assertThat(requests.get(1).body()).doesNotContain(Long.toString(user.telegramId()));
  }

  @Test
  void historyIsReloadedFromRestServiceWhenTheRedisWindowIsLost() {
    UserDto user = fixture.user(1153, "Carla", "Europe/Rome");
    fixture.awaitAnswer(fixture.send(user, "My dog is called Rex."));
    fixture.awaitAnswer(fixture.send(user, "I live in Turin."));

    fixture.redis.delete(ConversationFixture.conversationKey(user));
    fixture.awaitAnswer(fixture.send(user, "What do you know about me?"));

    assertThat(lastRequestOf("Carla").messages())
        .extracting(OpenAiMessage::content)
        .containsSubsequence(
            "My dog is called Rex.",
            "You said: My dog is called Rex.",
            "I live in Turin.",
            "You said: I live in Turin.",
            "What do you know about me?");
  }

  @Test
  void afterResetTheNextTurnHasNoHistory() {
    UserDto user = fixture.user(1154, "Dario", "UTC");
    fixture.awaitAnswer(fixture.send(user, "Remember the number 42."));

    Envelope confirmation = fixture.awaitAnswer(fixture.reset(user));
    fixture.awaitAnswer(fixture.send(user, "Which number?"));

    assertThat(confirmation.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(lastRequestOf("Dario").messages())
        .extracting(OpenAiMessage::role, OpenAiMessage::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("system", lastRequestOf("Dario").systemPrompt()),
            org.assertj.core.groups.Tuple.tuple("user", "Which number?"));
    assertThat(fixture.rest.messages(user.id(), null, null)).hasSize(2);
  }

  List<OpenAiRequest> requestsOf(String name) {
    return llm.requests().stream()
        .filter(r -> r.systemPromptContains("Name: " + name + "."))
        .toList();
  }

  OpenAiRequest lastRequestOf(String name) {
    List<OpenAiRequest> requests = requestsOf(name);
    assertThat(requests).as("requests for " + name).isNotEmpty();
    return requests.get(requests.size() - 1);
  }
}
