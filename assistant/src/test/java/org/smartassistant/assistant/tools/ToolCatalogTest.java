package org.smartassistant.assistant.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.execution.ToolExecutionException;

class ToolCatalogTest {

  static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");

  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final ToolCatalog catalog =
      new ToolCatalog(
          List.of(
              new TimeTools(Clock.fixed(NOW, ZoneOffset.UTC)),
              new FailingTools(),
              new PersonalTools()),
          meters,
          new ToolProperties(2));
  final ToolUser user = new ToolUser(7, 70, ZoneId.of("Asia/Tokyo"), UUID.randomUUID());

  @Test
  void offersActiveImplementedToolsUnderTheirConfiguredNameAndDescription() {
    List<ToolCallback> callbacks =
        catalog.callbacksFor(
            List.of(
                tool("clock", ToolType.TIME, "What time is it?", true),
                tool("reminder_create", ToolType.REMINDER_CREATE, "Sets reminders", true),
                tool("old_clock", ToolType.TIME, "retired", false)));

    assertThat(callbacks).hasSize(1);
    assertThat(callbacks.get(0).getToolDefinition().name()).isEqualTo("clock");
    assertThat(callbacks.get(0).getToolDefinition().description()).isEqualTo("What time is it?");
    assertThat(callbacks.get(0).getToolDefinition().inputSchema()).contains("timezone");
  }

  @Test
  void runsTheToolForTheUserOfTheContext() {
    ToolCallback clock =
        catalog.callbacksFor(List.of(tool("clock", ToolType.TIME, null, true))).get(0);

    String result = clock.call("{}", new ToolContext(catalog.contextFor(user)));

    assertThat(result).contains("Tuesday, 24 November 2026, 17:30 in Asia/Tokyo");
    assertThat(
            meters
                .get("assistant.tool.calls")
                .tag("type", "time")
                .tag("outcome", "success")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void personalToolsAnswerOnlyInAPrivateChatAndOthersRunInAGroupToo() {
    List<ToolCallback> callbacks =
        catalog.callbacksFor(
            List.of(
                tool("reminder_list", ToolType.REMINDER_LIST, null, true),
                tool("memory_search", ToolType.MEMORY_SEARCH, null, true),
                tool("clock", ToolType.TIME, null, true)));
    ToolUser inGroup = new ToolUser(8, -1001234567890L, ZoneId.of("UTC"), UUID.randomUUID());

    assertThat(callbacks.get(0).call("{}", new ToolContext(catalog.contextFor(user))))
        .isEqualTo("\"the reminders of user 7\"");
    assertThat(callbacks.get(0).call("{}", new ToolContext(catalog.contextFor(inGroup))))
        .isEqualTo(PrivateChatTools.ASK_IN_PRIVATE);
    assertThat(callbacks.get(1).call("{}", new ToolContext(catalog.contextFor(inGroup))))
        .isEqualTo(PrivateChatTools.ASK_IN_PRIVATE);
    assertThat(callbacks.get(2).call("{}", new ToolContext(catalog.contextFor(inGroup))))
        .contains("in UTC");
  }

  @Test
  void refusesACallWithoutAUser() {
    ToolCallback clock =
        catalog.callbacksFor(List.of(tool("clock", ToolType.TIME, null, true))).get(0);

    assertThat(clock.call("{}")).isEqualTo(ConfiguredTool.NO_USER);
  }

  @Test
  void refusesCallsBeyondTheBudgetOfTheMessage() {
    ToolCallback clock =
        catalog.callbacksFor(List.of(tool("clock", ToolType.TIME, null, true))).get(0);
    ToolContext context = new ToolContext(catalog.contextFor(user));

    clock.call("{}", context);
    clock.call("{}", context);

    assertThat(clock.call("{}", context)).isEqualTo(ConfiguredTool.BUDGET_SPENT);
  }

  @Test
  void handsAFailureBackAsAToolExecutionException() {
    ToolCallback weather =
        catalog.callbacksFor(List.of(tool("weather", ToolType.WEATHER, null, true))).get(0);

    assertThatThrownBy(() -> weather.call("{}", new ToolContext(catalog.contextFor(user))))
        .isInstanceOf(ToolExecutionException.class)
        .hasStackTraceContaining("no forecast today");
  }

  @Test
  void aTypeImplementedByTwoFamiliesIsRefusedAtStart() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    assertThatThrownBy(
            () ->
                new ToolCatalog(
                    List.of(new TimeTools(clock), new TimeTools(clock)),
                    meters,
                    new ToolProperties(5)))
        .hasMessageContaining("implemented twice");
  }

  @Test
  void aToolMethodNotNamedAfterAToolTypeIsRefused() {
    assertThatThrownBy(() -> new MisnamedTools().implementations())
        .hasMessageContaining("'what_time' is not a tool type");
  }

  @Test
  void theToolContextCarriesTheUserButNothingForTheModel() {
    Map<String, Object> context = catalog.contextFor(user);

    assertThat(ToolUser.from(new ToolContext(context))).isEqualTo(user);
  }

  static ToolDto tool(String name, ToolType type, String description, boolean active) {
    return new ToolDto(UUID.randomUUID(), name, type, description, null, active, NOW, NOW);
  }

  static class FailingTools implements ToolFamily {
    @Tool(name = "weather", description = "weather")
    public String weather(String place, ToolContext context) {
      throw new IllegalStateException("no forecast today");
    }
  }

  static class PersonalTools implements ToolFamily {
    @Tool(name = "reminder_list", description = "reminders")
    public String reminders(ToolContext context) {
      return "the reminders of user " + ToolUser.from(context).userId();
    }

    @Tool(name = "memory_search", description = "facts")
    public String facts(ToolContext context) {
      return "the facts of user " + ToolUser.from(context).userId();
    }
  }

  static class MisnamedTools implements ToolFamily {
    @Tool(name = "what_time", description = "time")
    public String time(ToolContext context) {
      return "now";
    }
  }
}
