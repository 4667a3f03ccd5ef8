package org.smartassistant.assistant.tools.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.McpServerDto;
import org.smartassistant.common.api.McpTransport;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.mcp.FakeMcpServer;
import org.springframework.test.context.TestPropertySource;

/**
 * The tools of a registered MCP server as the running assistant offers and calls them: a real MCP
 * server in the test JVM, the assistant's client unchanged. Only allowed tools are offered; results
 * are capped; a slow server gives the model a sentence within the call timeout; the user's identity
 * reaches the server only when its registration allows it.
 */
@TestPropertySource(
    properties = {"smart.mcp.call-timeout=1500ms", "smart.mcp.max-result-chars=300"})
class McpToolsTest extends AssistantFlowTest {

  private FakeMcpServer server;

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.stop();
    }
  }

  private FakeMcpServer notesServer(FakeMcpServer.Transport transport) {
    return FakeMcpServer.of(transport)
        .tool("lookup", "Looks a note up", query -> "note about " + query + ": buy oat milk")
        .tool("long", "Answers at length", query -> "x".repeat(5_000))
        .tool("wipe", "Deletes every note", query -> "all notes deleted")
        .start();
  }

  /**
   * Registers the server with the allowlist and links an mcp tool {@code notes} to the secretary.
   */
  private UUID register(long user, List<String> allowed, boolean sendIdentity) {
    UUID id = UUID.randomUUID();
    rest.putMcpServer(server(id, allowed, sendIdentity));
    AssistantDto secretary = rest.assignSecretary(user, "You keep notes.");
    rest.linkMcpServer(secretary.id(), "notes", id);
    return id;
  }

  private McpServerDto server(UUID id, List<String> allowed, boolean sendIdentity) {
    return new McpServerDto(
        id,
        "notes-" + id,
        server.url().endsWith("/sse") ? McpTransport.SSE : McpTransport.STREAMABLE_HTTP,
        server.url(),
        Map.of("X-Api-Key", "k-123"),
        null,
        List.of(),
        allowed,
        sendIdentity,
        Instant.EPOCH,
        Instant.EPOCH);
  }

  @Test
  void offersOnlyAllowedToolsAndCallsThemWithoutTheUsersIdentity() {
    server = notesServer(FakeMcpServer.Transport.STREAMABLE_HTTP);
    long user = newUser("Margarethe", "Europe/Berlin", "ignored");
    register(user, List.of("lookup", "long"), false);
    llm.enqueue(
        OpenAiAnswer.toolCall("notes_lookup", "{\"query\":\"milk\"}"),
        OpenAiAnswer.text("You wanted oat milk."));

    Envelope answer = onlyAnswerTo(send(user, "what did I note about milk?"));

    List<OpenAiRequest> requests = llm.requests();
    assertThat(requests.get(0).toolNames())
        .contains("notes_lookup", "notes_long")
        .doesNotContain("notes_wipe", "notes");
    assertThat(lastToolResult(requests.get(1))).contains("note about milk: buy oat milk");
    assertThat(answer.text()).isEqualTo("You wanted oat milk.");
    assertThat(server.calls()).hasSize(1);
    FakeMcpServer.Call call = server.calls().get(0);
    assertThat(call.tool()).isEqualTo("lookup");
    assertThat(call.arguments()).containsEntry("query", "milk");
    assertThat(call.headers()).containsEntry("x-api-key", "k-123");
    assertThat(call.meta()).as("no identity unless the server is allowed it").isEmpty();
    assertThat(call.toString())
        .doesNotContain("Margarethe")
        .doesNotContain(String.valueOf(chatOf(user)))
        .doesNotContain(String.valueOf(user));
  }

  @Test
  void sendsTheUsersTelegramIdAndNameOnlyWhenTheServerIsAllowedThem() {
    server = notesServer(FakeMcpServer.Transport.SSE);
    long user = newUser("Ines", "Europe/Lisbon", "ignored");
    register(user, List.of("lookup"), true);
    llm.enqueue(
        OpenAiAnswer.toolCall("notes_lookup", "{\"query\":\"keys\"}"), OpenAiAnswer.text("Done."));

    onlyAnswerTo(send(user, "where are my keys?"));

    assertThat(server.calls()).hasSize(1);
    Map<String, Object> meta = server.calls().get(0).meta();
    assertThat(meta).containsEntry(McpTools.NAME, "Ines");
    assertThat(String.valueOf(meta.get(McpTools.TELEGRAM_ID)))
        .isEqualTo(String.valueOf(chatOf(user)));
  }

  @Test
  void cutsALongResultToTheConfiguredSize() {
    server = notesServer(FakeMcpServer.Transport.STREAMABLE_HTTP);
    long user = newUser("Ana", "UTC", "ignored");
    register(user, List.of("long"), false);
    llm.enqueue(
        OpenAiAnswer.toolCall("notes_long", "{\"query\":\"all\"}"), OpenAiAnswer.text("Long."));

    onlyAnswerTo(send(user, "tell me everything"));

    String result = lastToolResult(llm.requests().get(1));
    assertThat(result).contains("[result cut: it had").contains("only the first 300 are shown");
    assertThat(result.length()).isLessThan(450);
  }

  @Test
  void aSlowServerGivesTheModelOneSentenceWithinTheCallTimeout() {
    server = notesServer(FakeMcpServer.Transport.STREAMABLE_HTTP);
    long user = newUser("Bo", "UTC", "ignored");
    register(user, List.of("lookup"), false);
    server.delay(Duration.ofSeconds(20));
    llm.enqueue(
        OpenAiAnswer.toolCall("notes_lookup", "{\"query\":\"x\"}"),
        OpenAiAnswer.text("The notes are unavailable."));

    long started = System.nanoTime();
    Envelope answer = onlyAnswerTo(send(user, "look it up"));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(lastToolResult(llm.requests().get(1)))
        .startsWith("The tool notes_lookup did not answer in time")
        .contains("Tell the user");
    assertThat(answer.text()).isEqualTo("The notes are unavailable.");
    assertThat(took).as("the call was given up, not waited for").isLessThan(Duration.ofSeconds(15));
  }

  @Test
  void aChangedRegistrationIsUsedAfterItsChangeEvent() {
    server = notesServer(FakeMcpServer.Transport.STREAMABLE_HTTP);
    long user = newUser("Cy", "UTC", "ignored");
    UUID id = register(user, List.of("lookup"), false);
    llm.enqueue(OpenAiAnswer.text("First."));
    onlyAnswerTo(send(user, "hello"));

    rest.putMcpServer(server(id, List.of("wipe"), false));
    publishChange(ChangeKind.MCP_SERVER, id.toString());
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              llm.reset();
              llm.enqueue(OpenAiAnswer.text("Second."));
              onlyAnswerTo(send(user, "again"));
              assertThat(llm.requests().get(0).toolNames())
                  .contains("notes_wipe")
                  .doesNotContain("notes_lookup");
            });
  }

  @Test
  void aRegistrationChangedWhileItsServerHangsIsTriedAtTheNextMessage() throws Exception {
    server = notesServer(FakeMcpServer.Transport.STREAMABLE_HTTP);
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    // answers nothing until the test is over
    FakeHttpServer hanging =
        new FakeHttpServer(
            "hanging-mcp",
            0,
            exchange -> {
              asked.countDown();
              try {
                released.await();
              } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
              }
              FakeHttpServer.abort(exchange);
            });
    hanging.start();
    try {
      long user = newUser("Dora", "UTC", "ignored");
      UUID id = UUID.randomUUID();
      rest.putMcpServer(
          new McpServerDto(
              id,
              "notes-" + id,
              McpTransport.STREAMABLE_HTTP,
              hanging.baseUrl() + "/mcp",
              Map.of(),
              null,
              List.of(),
              List.of("lookup"),
              false,
              Instant.EPOCH,
              Instant.EPOCH));
      AssistantDto secretary = rest.assignSecretary(user, "You keep notes.");
      rest.linkMcpServer(secretary.id(), "notes", id);
      llm.enqueue(OpenAiAnswer.text("First."));
      Envelope first = send(user, "hello");
      assertThat(asked.await(10, TimeUnit.SECONDS)).as("the assistant connects").isTrue();

      // while the assistant still waits for the hanging server, the registration is corrected
      rest.putMcpServer(server(id, List.of("lookup"), false));
      publishChange(ChangeKind.MCP_SERVER, id.toString());
      onlyAnswerTo(first);

      // not "unreachable for a while": the corrected registration is tried at once
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                llm.reset();
                llm.enqueue(OpenAiAnswer.text("Second."));
                onlyAnswerTo(send(user, "again"));
                assertThat(llm.requests()).isNotEmpty();
                assertThat(llm.requests().get(0).toolNames()).contains("notes_lookup");
              });
    } finally {
      released.countDown();
      hanging.stop();
    }
  }
}
