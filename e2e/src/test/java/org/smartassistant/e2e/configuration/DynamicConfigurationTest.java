package org.smartassistant.e2e.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.UpdateAssistantRequest;
import org.smartassistant.common.api.UpdateToolRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * What the operator changes through rest-service's API is what the very next message's model
 * request carries, without restarting anything: new instructions, an unlinked tool gone, a
 * deactivated tool never offered and back once reactivated. Each scenario works on a secretary and
 * tools of its own.
 */
class DynamicConfigurationTest {

  final ConfigurationFixture fixture = ConfigurationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void newInstructionsAndAnUnlinkedToolTakeEffectOnTheVeryNextMessage() {
    UserDto user = fixture.start(1142, "Otto");
    AssistantDto secretary = null;
    ToolDto kept = null;
    ToolDto unlinked = null;
    try {
      secretary = fixture.ownSecretary(user, "You are Otto's secretary, first edition.");
      kept = fixture.linkedTimeTool(secretary, "kept_clock");
      unlinked = fixture.linkedTimeTool(secretary, "unlinked_clock");
      fixture.say(user, "first");
      OpenAiRequest before = last(fixture.requestsWith("Name: Otto."));
      assertThat(before.systemPrompt()).startsWith("You are Otto's secretary, first edition.");
      assertThat(before.toolNames()).contains(kept.name(), unlinked.name());

      fixture.rest.updateAssistant(
          secretary.id(),
          new UpdateAssistantRequest(
              null,
              null,
              null,
              null,
              null,
              "You are Otto's secretary, second edition.",
              null,
              null,
              null));
      fixture.rest.unlinkTool(secretary.id(), unlinked.id());
      // rest-service's change events reach the assistant within a second (the cache's TTL is
      // minutes): then the very next message is sent, with no restart of anything
      fixture.awaitCacheDropped(
          Duration.ofSeconds(1),
          ConfigurationFixture.secretaryKey(user),
          ConfigurationFixture.toolsKey(secretary));
      int asked = fixture.requestsWith("Name: Otto.").size();
      String reply = fixture.say(user, "second");

      assertThat(reply).isEqualTo("You said: second");
      OpenAiRequest after = fixture.requestsWith("Name: Otto.").get(asked);
      assertThat(after.lastUserText()).isEqualTo("second");
      assertThat(after.systemPrompt())
          .startsWith("You are Otto's secretary, second edition.")
          .doesNotContain("first edition");
      assertThat(after.toolNames()).contains(kept.name()).doesNotContain(unlinked.name());
    } finally {
      fixture.remove(secretary, kept, unlinked);
    }
  }

  @Test
  void aDeactivatedToolIsNotOfferedUntilItIsActiveAgain() {
    UserDto user = fixture.start(1143, "Paula");
    AssistantDto secretary = null;
    ToolDto tool = null;
    try {
      secretary = fixture.ownSecretary(user, "You are Paula's secretary.");
      tool = fixture.linkedTimeTool(secretary, "switchable_clock");
      fixture.say(user, "one");
      assertThat(last(fixture.requestsWith("Name: Paula.")).toolNames()).contains(tool.name());

      fixture.rest.updateTool(tool.id(), new UpdateToolRequest(null, null, null, null, false));
      fixture.awaitCacheDropped(
          ConfigurationFixture.PATIENCE, ConfigurationFixture.toolsKey(secretary));
      fixture.say(user, "two");
      OpenAiRequest inactive = last(fixture.requestsWith("Name: Paula."));
      assertThat(inactive.lastUserText()).isEqualTo("two");
      assertThat(inactive.toolNames()).doesNotContain(tool.name());
      // still linked: only its active flag keeps it from the model
      assertThat(fixture.rest.assistantTools(secretary.id()))
          .extracting(ToolDto::name)
          .contains(tool.name());

      fixture.rest.updateTool(tool.id(), new UpdateToolRequest(null, null, null, null, true));
      fixture.awaitCacheDropped(
          ConfigurationFixture.PATIENCE, ConfigurationFixture.toolsKey(secretary));
      fixture.say(user, "three");
      OpenAiRequest active = last(fixture.requestsWith("Name: Paula."));
      assertThat(active.lastUserText()).isEqualTo("three");
      assertThat(active.toolNames()).contains(tool.name());
    } finally {
      fixture.remove(secretary, tool);
    }
  }

  private static OpenAiRequest last(java.util.List<OpenAiRequest> requests) {
    assertThat(requests).isNotEmpty();
    return requests.get(requests.size() - 1);
  }
}
