package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * Through the whole suite, a fact the user states is kept by the model with {@code memory_save}
 * (the seeded secretary's tool), survives {@code /reset} and reaches the system prompt of a later
 * question; {@code memory_forget} removes it; another user with a similar fact never sees it in
 * their prompt.
 */
class LongTermMemoryTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void aFactSurvivesResetReachesALaterPromptIsForgottenOnAskAndNeverCrossesUsers() {
    UserDto mirella = fixture.start(1191, "Mirella", "Europe/Rome");
    UserDto bertold = fixture.start(1192, "Bertold", "Europe/Berlin");
    llm.respondWith(
        request -> {
          String asked = request.lastUserText();
          if (request.answersToolCalls()) {
            return OpenAiAnswer.text("Done.");
          }
          if (asked.startsWith("Remember: ")) {
            String fact = asked.substring("Remember: ".length());
            return OpenAiAnswer.toolCall("memory_save", "{\"fact\":\"" + fact + "\"}");
          }
          if (asked.startsWith("Forget fact ")) {
            String id = asked.substring("Forget fact ".length());
            return OpenAiAnswer.toolCall("memory_forget", "{\"id\":\"" + id + "\"}");
          }
          return OpenAiAnswer.text("Noted.");
        });

    assertThat(fixture.say(mirella, "Remember: My daughter is called Mia")).isEqualTo("Done.");
    assertThat(fixture.say(bertold, "Remember: My daughter is called Lena")).isEqualTo("Done.");
    List<MemoryDto> kept = fixture.rest.memories(mirella.id(), null, null);
    assertThat(kept).extracting(MemoryDto::content).containsExactly("My daughter is called Mia");

    fixture.say(mirella, "/reset");
    fixture.say(mirella, "What is my daughter called?");
    fixture.say(bertold, "What is my daughter called?");

    OpenAiRequest mirellas = lastRequestOf("Mirella");
    assertThat(mirellas.systemPrompt())
        .contains("What you know about the user")
        .contains("[" + kept.get(0).id() + "] My daughter is called Mia")
        .doesNotContain("Lena");
    // after the reset the fact comes from long-term memory only, not from the history
    assertThat(mirellas.messages())
        .extracting(OpenAiMessage::content)
        .containsExactly(mirellas.systemPrompt(), "What is my daughter called?");
    assertThat(lastRequestOf("Bertold").systemPrompt())
        .contains("My daughter is called Lena")
        .doesNotContain("Mia");

    // a forged number (Bertold's fact) is not Mirella's to forget
    long bertoldsFact = fixture.rest.memories(bertold.id(), null, null).get(0).id();
    fixture.say(mirella, "Forget fact " + bertoldsFact);
    assertThat(fixture.rest.memories(bertold.id(), null, null)).hasSize(1);

    assertThat(fixture.say(mirella, "Forget fact " + kept.get(0).id())).isEqualTo("Done.");
    fixture.say(mirella, "What is my daughter called?");

    assertThat(fixture.rest.memories(mirella.id(), null, null)).isEmpty();
    assertThat(lastRequestOf("Mirella").systemPrompt())
        .doesNotContain("Mia")
        .doesNotContain("What you know about the user");
    assertThat(llm.requests())
        .filteredOn(request -> request.systemPromptContains("Name: Bertold."))
        .allSatisfy(request -> assertThat(request.systemPrompt()).doesNotContain("Mia"));
  }

  private OpenAiRequest lastRequestOf(String name) {
    List<OpenAiRequest> requests =
        llm.requests().stream()
            .filter(request -> request.systemPromptContains("Name: " + name + "."))
            .toList();
    assertThat(requests).as("requests for " + name).isNotEmpty();
    return requests.get(requests.size() - 1);
  }
}
