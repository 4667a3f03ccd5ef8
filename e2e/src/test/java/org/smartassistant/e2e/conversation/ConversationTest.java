package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * A user's conversation with the seeded secretary through the whole suite. The prompt carries the
 * local date and time and the earlier turns, the {@code time} tool runs between two model calls,
 * the history survives the loss of its Redis window, and /reset forgets it.
 */
class ConversationTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void promptCarriesTheLocalTimeAndThePreviousTurnsAndTheReplyReachesTelegram() {
    UserDto user = fixture.start(1151, "Aiko", "Asia/Tokyo");

    assertThat(fixture.say(user, "Hello, I am Aiko.")).isEqualTo("You said: Hello, I am Aiko.");
    assertThat(fixture.say(user, "What day is it?")).isEqualTo("You said: What day is it?");

    OpenAiRequest request = lastRequestOf("Aiko");
    ZonedDateTime asked = request.receivedAt().atZone(ZoneId.of("Asia/Tokyo"));
    DateTimeFormatter format =
        DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu, HH:mm", Locale.ENGLISH);
    assertThat(request.systemPrompt())
        .contains("personal secretary")
        .contains("Name: Aiko.")
        .contains("Time zone: Asia/Tokyo.")
        .containsAnyOf(
            format.format(asked) + " (Asia/Tokyo, UTC+09:00)",
            format.format(asked.minusMinutes(1)) + " (Asia/Tokyo, UTC+09:00)");
    assertThat(request.messages())
        .extracting(OpenAiMessage::role, OpenAiMessage::content)
        .containsSubsequence(
            Tuple.tuple("user", "Hello, I am Aiko."),
            Tuple.tuple("assistant", "You said: Hello, I am Aiko."),
            Tuple.tuple("user", "What day is it?"));
  }

  @Test
  void timeToolResultGoesBackToTheModelAndTheFinalAnswerIsSent() {
    UserDto user = fixture.start(1152, "Bruno", "Europe/Lisbon");
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Bruno.")) {
            return null;
          }
          if (!request.answersToolCalls()) {
            return OpenAiAnswer.toolCall("time", "{\"timezone\":\"America/Sao_Paulo\"}");
          }
          return OpenAiAnswer.text("In Sao Paulo it is " + request.lastMessage().content());
        });

    String reply = fixture.say(user, "What time is it in Sao Paulo?");

    List<OpenAiRequest> requests = requestsOf("Bruno");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).toolNames()).contains("time");
    String toolResult = requests.get(1).lastMessage().content();
    assertThat(toolResult).contains("in America/Sao_Paulo (UTC-03:00)");
    assertThat(reply).isEqualTo("In Sao Paulo it is " + toolResult);
    // the user reaches the tool through the tool context, which the model never sees
    assertThat(requests.get(1).body()).doesNotContain("\"chatId\"", "\"userId\"", "toolBudget");
  }

  @Test
  void historyIsReloadedFromRestServiceWhenTheRedisWindowIsLost() {
    UserDto user = fixture.start(1153, "Carla", "Europe/Rome");
    fixture.say(user, "My dog is called Rex.");
    fixture.say(user, "I live in Turin.");

    fixture.redis.delete(ConversationFixture.conversationKey(user));
    fixture.say(user, "What do you know about me?");

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
    UserDto user = fixture.start(1154, "Dario", "UTC");
    fixture.say(user, "Remember the number 42.");

    fixture.say(user, "/reset");
    fixture.say(user, "Which number?");

    OpenAiRequest last = lastRequestOf("Dario");
    assertThat(last.messages())
        .extracting(OpenAiMessage::role, OpenAiMessage::content)
        .containsExactly(
            Tuple.tuple("system", last.systemPrompt()), Tuple.tuple("user", "Which number?"));
    // the turn stores what was said after its reply
    await()
        .atMost(ConversationFixture.PATIENCE)
        .untilAsserted(() -> assertThat(fixture.rest.messages(user.id(), null, null)).hasSize(2));
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
