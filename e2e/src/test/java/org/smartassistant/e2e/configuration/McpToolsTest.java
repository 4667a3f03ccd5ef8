package org.smartassistant.e2e.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateToolRequest;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.McpServerRequest;
import org.smartassistant.common.api.McpTransport;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.mcp.FakeMcpServer;

/**
 * MCP tools: the operator registers a real MCP server (in this JVM) through rest-service's API,
 * gives the scenario's secretary an {@code mcp} tool for it, and the model is offered the server's
 * allowed tools only; the user gets the answer built on the tool's result. With the server down,
 * the model is told so in one sentence and the user still gets an answer.
 */
class McpToolsTest {

  final ConfigurationFixture fixture = ConfigurationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  FakeMcpServer server;
  AssistantDto secretary;
  ToolDto notes;
  ToolDto unlinked;
  McpServerDto registered;
  McpServerDto other;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @AfterEach
  void cleanUp() {
    if (server != null) {
      server.stop();
    }
    fixture.remove(secretary, notes, unlinked);
    for (McpServerDto each : new McpServerDto[] {registered, other}) {
      if (each != null) {
        fixture.rest.deleteMcpServer(each.id());
      }
    }
  }

  @Test
  void theModelCallsAnAllowedToolOfALinkedServerAndIsToldWhenTheServerIsDown() {
    server =
        FakeMcpServer.of(FakeMcpServer.Transport.STREAMABLE_HTTP)
            .tool("lookup", "Looks a note up", query -> "note about " + query + ": buy oat milk")
            .tool("wipe", "Deletes every note", query -> "all notes deleted")
            .start();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    registered =
        fixture.rest.createMcpServer(
            new McpServerRequest(
                "notes-" + suffix,
                McpTransport.STREAMABLE_HTTP,
                server.url(),
                Map.of("X-Api-Key", "k-" + suffix),
                null,
                null,
                List.of("lookup"),
                null));
    other =
        fixture.rest.createMcpServer(
            new McpServerRequest(
                "other-" + suffix,
                McpTransport.STREAMABLE_HTTP,
                server.url(),
                null,
                null,
                null,
                List.of("lookup", "wipe"),
                null));
    UserDto user = fixture.start(1166, "Mira");
    String instructions = "You keep Mira's notes " + suffix + ".";
    secretary = fixture.ownSecretary(user, instructions);
    notes =
        fixture.rest.createTool(
            new CreateToolRequest(
                "notes_" + suffix, ToolType.MCP, "Mira's notes", null, true, registered.id()));
    unlinked =
        fixture.rest.createTool(
            new CreateToolRequest(
                "other_" + suffix, ToolType.MCP, "not linked", null, true, other.id()));
    fixture.rest.linkTool(secretary.id(), notes.id());
    String lookup = "notes_" + suffix + "_lookup";
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains(instructions)) {
            return null;
          }
          if (!request.answersToolCalls()) {
            return OpenAiAnswer.toolCall(lookup, "{\"query\":\"milk\"}");
          }
          return OpenAiAnswer.text("From your notes: " + toolResult(request));
        });

    String reply = fixture.say(user, "What did I note about milk?");

    assertThat(reply).startsWith("From your notes: ").contains("note about milk: buy oat milk");
    List<OpenAiRequest> requests = fixture.requestsWith(instructions);
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).toolNames())
        .as("only the allowed tool of the linked server")
        .contains(lookup)
        .doesNotContain("notes_" + suffix + "_wipe", "notes_" + suffix)
        .noneMatch(name -> name.startsWith("other_"));
    assertThat(server.calls()).hasSize(1);
    assertThat(server.calls().get(0).arguments()).containsEntry("query", "milk");
    assertThat(server.calls().get(0).headers()).containsEntry("x-api-key", "k-" + suffix);
    assertThat(server.calls().get(0).meta()).isEmpty();

    server.stop();
    llm.reset();
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains(instructions)) {
            return null;
          }
          if (!request.answersToolCalls()) {
            return OpenAiAnswer.toolCall(lookup, "{\"query\":\"bread\"}");
          }
          return OpenAiAnswer.text("Your notes cannot be read right now.");
        });

    String downReply = fixture.say(user, "And about bread?");

    assertThat(downReply).isEqualTo("Your notes cannot be read right now.");
    List<OpenAiRequest> afterDown = fixture.requestsWith(instructions);
    assertThat(afterDown).hasSize(2);
    List<OpenAiMessage> results = afterDown.get(1).toolResults();
    assertThat(results).hasSize(1);
    assertThat(results.get(0).content())
        .contains("The tool " + lookup + " is unavailable right now")
        .contains("could not be reached")
        .contains("Tell the user");
  }

  private static String toolResult(OpenAiRequest request) {
    List<OpenAiMessage> results = request.toolResults();
    String result = results.get(results.size() - 1).content();
    // Spring AI sends a string result JSON-encoded
    return result.startsWith("\"")
        ? result.substring(1, result.length() - 1).replace("\\\"", "\"")
        : result;
  }
}
