package org.smartassistant.rest.turns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.SaveMemoryRequest;
import org.smartassistant.common.api.SecretarySource;
import org.smartassistant.common.api.TurnContextDto;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.smartassistant.rest.StatementLog;

/** What a turn reads about its user, in one request: the same as the four requests it replaces. */
class TurnContextResourceTest extends RestServiceTest {

  @Test
  void answersTheUserTheSecretaryTheWindowAndTheRelevantFactsOfThatUserOnly() {
    long user = newUser();
    UUID secretary = newAssistant(true);
    api().put("/api/users/" + user + "/secretary", Api.json("assistantId", secretary.toString()));
    say(user, MessageRole.USER, "hello");
    say(user, MessageRole.SYSTEM, "they said hello");
    say(user, MessageRole.USER, "my daughter plays the violin");
    say(user, MessageRole.ASSISTANT, "lovely");
    client().saveMemory(user, null, new SaveMemoryRequest("My daughter Mia plays the violin"));
    client().saveMemory(user, null, new SaveMemoryRequest("The car is blue"));
    client().saveMemory(user, null, new SaveMemoryRequest("I prefer meetings after 10"));
    long other = newUser();
    say(other, MessageRole.USER, "another user's words");
    client().saveMemory(other, null, new SaveMemoryRequest("Another user's violin"));

    TurnContextDto context = client().turnContext(user, 2, "who plays the violin?", 2);

    assertThat(context.user().id()).isEqualTo(user);
    assertThat(context.secretary().userId()).isEqualTo(user);
    assertThat(context.secretary().assistant().id()).isEqualTo(secretary);
    assertThat(context.secretary().source()).isEqualTo(SecretarySource.ASSIGNED);
    assertThat(context.window().summary()).isEqualTo("they said hello");
    assertThat(context.window().messages())
        .extracting(MessageDto::content)
        .containsExactly("my daughter plays the violin", "lovely");
    assertThat(context.window()).isEqualTo(client().conversationWindow(user, 2));
    // the fact sharing words first, filled with a newest other, as /memories?fill=newest answers
    assertThat(context.facts()).hasSize(2);
    assertThat(context.facts().get(0).content()).isEqualTo("My daughter Mia plays the violin");
    assertThat(context.facts())
        .isEqualTo(client().memoriesFilled(user, "who plays the violin?", 2));
    // no facts asked, none read; without q the newest
    assertThat(client().turnContext(user, 2, "who plays the violin?", 0).facts()).isEmpty();
    assertThat(client().turnContext(user, 20, null, 1).facts())
        .hasSize(1)
        .isEqualTo(client().memories(user, null, 1));
    // the other user's context holds only theirs
    TurnContextDto others = client().turnContext(other, 20, "violin", 10);
    assertThat(others.user().id()).isEqualTo(other);
    assertThat(others.window().messages())
        .extracting(MessageDto::content)
        .containsExactly("another user's words");
    assertThat(others.facts())
        .extracting(MemoryDto::content)
        .containsExactly("Another user's violin");
    assertThat(others.secretary().source()).isEqualTo(SecretarySource.DEFAULT);
  }

  @Test
  void aTurnsFactsAreReadInOneQueryTheMatchesFirstThenTheNewestOthers() {
    long user = newUser();
    client().saveMemory(user, null, new SaveMemoryRequest("My daughter Mia plays the violin"));
    client().saveMemory(user, null, new SaveMemoryRequest("The car is blue"));
    client().saveMemory(user, null, new SaveMemoryRequest("I prefer meetings after 10"));
    String question = "who plays violin?";

    List<String> withoutFacts =
        StatementLog.during(() -> client().turnContext(user, 5, question, 0));
    TurnContextDto[] context = new TurnContextDto[1];
    List<String> withFacts =
        StatementLog.during(() -> context[0] = client().turnContext(user, 5, question, 3));

    // one statement for the facts, though the one that matched had to be filled with two others
    assertThat(withFacts.size() - withoutFacts.size()).isEqualTo(1);
    assertThat(context[0].facts())
        .extracting(MemoryDto::content)
        .containsExactly(
            "My daughter Mia plays the violin", "I prefer meetings after 10", "The car is blue");
    // nothing matching, or no word at all: the newest
    assertThat(client().turnContext(user, 5, "pizza", 2).facts())
        .extracting(MemoryDto::content)
        .containsExactly("I prefer meetings after 10", "The car is blue");
    assertThat(client().turnContext(user, 5, "?!", 2).facts())
        .extracting(MemoryDto::content)
        .containsExactly("I prefer meetings after 10", "The car is blue");
  }

  @Test
  void aWholeTurnContextIsThreeStatementsTheUserWithTheSecretaryTheWindowAndTheFacts() {
    long user = newUser();
    UUID secretary = newAssistant(true);
    api().put("/api/users/" + user + "/secretary", Api.json("assistantId", secretary.toString()));
    say(user, MessageRole.SYSTEM, "a summary");
    say(user, MessageRole.USER, "hello");
    client().saveMemory(user, null, new SaveMemoryRequest("The car is blue"));

    TurnContextDto[] context = new TurnContextDto[1];
    List<String> statements =
        StatementLog.during(() -> context[0] = client().turnContext(user, 5, "blue car", 3));

    assertThat(statements).hasSize(3);
    assertThat(context[0].secretary().assistant().id()).isEqualTo(secretary);
    assertThat(context[0].window().summary()).isEqualTo("a summary");
    assertThat(context[0].facts())
        .extracting(MemoryDto::content)
        .containsExactly("The car is blue");
  }

  @Test
  void theSecretaryAndTheWindowAreWhatTheirOwnRequestsAnswer() {
    long user = newUser();
    UUID assigned = newAssistant(true);
    UUID fallback = newAssistant(true);
    // the default, while no assistant is assigned
    assertThat(client().turnContext(user, 5, null, 0).secretary())
        .isEqualTo(client().userSecretary(user));
    api().put("/api/users/" + user + "/secretary", Api.json("assistantId", assigned.toString()));
    assertThat(client().turnContext(user, 5, null, 0).secretary())
        .isEqualTo(client().userSecretary(user))
        .extracting(secretary -> secretary.source())
        .isEqualTo(SecretarySource.ASSIGNED);
    // the assigned one deactivated: the default again
    api().patch("/api/assistants/" + assigned, Api.json("isActive", false));
    assertThat(client().turnContext(user, 5, null, 0).secretary())
        .isEqualTo(client().userSecretary(user))
        .extracting(secretary -> secretary.source())
        .isEqualTo(SecretarySource.DEFAULT);
    for (int i = 1; i <= 3; i++) {
      say(user, MessageRole.USER, "message " + i);
    }
    String defaultBefore = api().get("/api/settings").text("defaultSecretaryId");
    int windowBefore = Integer.parseInt(api().get("/api/settings").text("historyWindow"));
    try {
      api()
          .patch(
              "/api/settings",
              Api.json("defaultSecretaryId", fallback.toString(), "historyWindow", 2));
      // without a window, the settings' history window, as /messages/window answers it
      Api.Response context = api().get("/api/users/" + user + "/turn-context");
      assertThat(context.json().get("window").get("messages").size()).isEqualTo(2);
      assertThat(client().conversationWindow(user, null).messages()).hasSize(2);
      assertThat(client().turnContext(user, 5, null, 0).secretary().assistant().id())
          .isEqualTo(fallback);
      // neither the assigned one nor the default usable: no secretary (/secretary: 404)
      api().patch("/api/assistants/" + fallback, Api.json("isActive", false));
      assertThat(client().turnContext(user, 5, null, 0).secretary()).isNull();
      assertThat(api().get("/api/users/" + user + "/secretary").status()).isEqualTo(404);
    } finally {
      api()
          .patch(
              "/api/settings",
              Api.json("defaultSecretaryId", defaultBefore, "historyWindow", windowBefore));
    }
  }

  @Test
  void anUnknownUserIsA404AndBadParametersA400() {
    long user = newUser();
    String path = "/api/users/" + user + "/turn-context";

    Api.Response unknown = api().get("/api/users/987654321987/turn-context?window=5");

    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.isProblem()).isTrue();
    assertThat(api().get(path + "?window=0").status()).isEqualTo(400);
    assertThat(api().get(path + "?window=501").status()).isEqualTo(400);
    assertThat(api().get(path + "?window=5&facts=-1").status()).isEqualTo(400);
    assertThat(api().get(path + "?window=5&facts=101").status()).isEqualTo(400);
    assertThat(api().get(path + "?window=5&q=" + "a".repeat(2001)).status()).isEqualTo(400);
    assertThat(api().get(path + "?window=5").status()).isEqualTo(200);
    // without a window, the settings' history window, as /messages/window
    assertThat(api().get(path).status()).isEqualTo(200);
  }

  private void say(long user, MessageRole role, String content) {
    client().appendMessage(user, new AppendMessageRequest(null, role, content));
  }
}
