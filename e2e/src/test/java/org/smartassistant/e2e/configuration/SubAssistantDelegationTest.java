package org.smartassistant.e2e.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * The seeded secretary hands a task to the seeded Writer through its {@code writer} tool ({@code
 * sub_assistant}); the Writer's model, the same fake told apart by the Writer's own instructions,
 * answers, and the user gets the secretary's final answer in Telegram. The seeded configuration is
 * only read.
 */
class SubAssistantDelegationTest {

  final ConfigurationFixture fixture = ConfigurationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void secretaryDelegatesToTheWriterWhichAnswersWithItsOwnInstructions() {
    UserDto user = fixture.start(1141, "Wilma");
    AssistantDto secretary = fixture.rest.userSecretary(user.id()).assistant();
    ToolDto writerTool =
        fixture.rest.assistantTools(secretary.id()).stream()
            .filter(tool -> tool.name().equals("writer"))
            .findFirst()
            .orElseThrow();
    AssistantDto writer = fixture.rest.assistant(writerTool.subAssistantId());
    String writerInstructions = writer.instructions().strip();
    String secretaryInstructions = secretary.instructions().strip();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Wilma.")) {
            return null;
          }
          if (request.systemPrompt().startsWith(writerInstructions)) {
            return OpenAiAnswer.text("Leaves drift on the pond, the tea grows cold.");
          }
          if (!request.answersToolCalls()) {
            return OpenAiAnswer.toolCall(
                "writer", "{\"task\":\"Write one line of verse about autumn for Wilma.\"}");
          }
          return OpenAiAnswer.text("From the Writer: " + request.lastMessage().content());
        });

    String reply = fixture.say(user, "Could you write me a line about autumn?");

    assertThat(reply).isEqualTo("From the Writer: Leaves drift on the pond, the tea grows cold.");
    List<OpenAiRequest> secretaryRequests = fixture.requestsWith(secretaryInstructions);
    assertThat(secretaryRequests).hasSize(2);
    assertThat(secretaryRequests.get(0).toolNames()).contains("writer");
    List<OpenAiRequest> writerRequests =
        llm.requests().stream()
            .filter(
                r -> r.systemPrompt() != null && r.systemPrompt().startsWith(writerInstructions))
            .toList();
    assertThat(writerRequests).hasSize(1);
    OpenAiRequest writerRequest = writerRequests.get(0);
    // its own instructions, for the same user, and only the task: not the secretary's prompt or
    // conversation
    assertThat(writerRequest.systemPrompt())
        .contains("Name: Wilma.")
        .doesNotContain(secretaryInstructions);
    assertThat(writerRequest.model()).isEqualTo(writer.model());
    assertThat(writerRequest.messages())
        .filteredOn(OpenAiMessage::isUser)
        .extracting(OpenAiMessage::content)
        .containsExactly("Write one line of verse about autumn for Wilma.");
  }
}
