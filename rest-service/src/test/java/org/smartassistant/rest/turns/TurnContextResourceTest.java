package org.smartassistant.rest.turns;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.EntityManagerFactory;
import java.util.UUID;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
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
import org.springframework.beans.factory.annotation.Autowired;

/** What a turn reads about its user, in one request: the same as the four requests it replaces. */
class TurnContextResourceTest extends RestServiceTest {

  @Autowired private EntityManagerFactory entities;

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

    long withoutFacts = statements(() -> client().turnContext(user, 5, question, 0));
    TurnContextDto[] context = new TurnContextDto[1];
    long withFacts = statements(() -> context[0] = client().turnContext(user, 5, question, 3));

    // one statement for the facts, though the one that matched had to be filled with two others
    assertThat(withFacts - withoutFacts).isEqualTo(1);
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

  /** How many JDBC statements Hibernate prepared while the work ran. */
  private long statements(Runnable work) {
    Statistics statistics = entities.unwrap(SessionFactory.class).getStatistics();
    statistics.clear();
    statistics.setStatisticsEnabled(true);
    try {
      work.run();
      return statistics.getPrepareStatementCount();
    } finally {
      statistics.setStatisticsEnabled(false);
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
