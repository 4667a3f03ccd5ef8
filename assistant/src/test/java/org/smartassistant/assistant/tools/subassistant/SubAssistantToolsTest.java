package org.smartassistant.assistant.tools.subassistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiMessage;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.OpenAiToolCall;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delegation through {@code sub_assistant} tools in the running assistant: a message from the
 * inbox, the secretary's and the sub-assistants' models answered by one fake OpenAI API (told apart
 * by their system prompts), a fake rest-service, real Redis. The delegation limit is the default,
 * 2.
 */
class SubAssistantToolsTest extends AssistantFlowTest {

  @Autowired MeterRegistry meters;

  @Test
  void writerAnswersTheTaskWithItsOwnInstructionsModelAndTools() {
    long user = newUser("Ann");
    AssistantDto secretary = rest.assignSecretary(user, "You are Ann's secretary.");
    AssistantDto writer =
        rest.addAssistant("Writer", "gpt-4.1", 0.9, "You are the Writer of short poems.", true);
    rest.linkSubAssistant(secretary.id(), "writer", writer.id());
    rest.linkTool(secretary.id(), "clock", ToolType.TIME);
    rest.linkTool(writer.id(), "writer_clock", ToolType.TIME);
    llm.respondWith(
        request ->
            request.systemPromptContains("You are the Writer")
                ? OpenAiAnswer.text("Roses are red, the kettle is hot.")
                : delegatingSecretary(request, "writer", "Write a two-line poem about tea."));

    Envelope hello = send(user, "hello");
    awaitAnswer(hello);
    Envelope reply = awaitAnswer(send(user, "write me a poem about tea"));

    assertThat(reply.text()).isEqualTo("Secretary says: Roses are red, the kettle is hot.");
    OpenAiRequest asked = only(requestsOf("You are Ann's secretary."), 0);
    assertThat(asked.toolNames()).containsExactlyInAnyOrder("writer", "clock");
    OpenAiRequest writerRequest = only(requestsOf("You are the Writer"), 0);
    assertThat(writerRequest.systemPrompt())
        .startsWith("You are the Writer of short poems.")
        .contains("Name: Ann.")
        .doesNotContain("Ann's secretary");
    assertThat(writerRequest.model()).isEqualTo("gpt-4.1");
    assertThat(writerRequest.body()).contains("\"temperature\":0.9");
    assertThat(writerRequest.toolNames()).containsExactly("writer_clock");
    // only the task, not the secretary's conversation
    assertThat(writerRequest.messages())
        .filteredOn(OpenAiMessage::isUser)
        .extracting(OpenAiMessage::content)
        .containsExactly("Write a two-line poem about tea.");
  }

  @Test
  void sideEffectsAreKeyedByTheEnvelopeAndADelegatedRunGetsKeysOfItsOwn() {
    long user = newUser("Bea");
    AssistantDto secretary = rest.assignSecretary(user, "You are Bea's secretary.");
    AssistantDto planner =
        rest.addAssistant("Planner", "gpt-4.1", 0.2, "You are the Planner.", true);
    rest.linkSubAssistant(secretary.id(), "planner", planner.id());
    rest.linkTool(secretary.id(), "reminder_create", ToolType.REMINDER_CREATE);
    rest.linkTool(planner.id(), "reminder_create", ToolType.REMINDER_CREATE);
    llm.respondWith(
        request -> {
          if (request.answersToolCalls()) {
            return OpenAiAnswer.text("Done.");
          }
          if (request.systemPromptContains("You are the Planner")) {
            return OpenAiAnswer.toolCall(
                "reminder_create", "{\"text\":\"pack\",\"when\":\"2026-11-25T07:00\"}");
          }
          return OpenAiAnswer.toolCalls(
              OpenAiToolCall.of(
                  "reminder_create", "{\"text\":\"leave\",\"when\":\"2026-11-25T08:00\"}"),
              OpenAiToolCall.of("planner", "{\"task\":\"Plan the trip.\"}"),
              OpenAiToolCall.of(
                  "reminder_create", "{\"text\":\"call\",\"when\":\"2026-11-25T09:00\"}"));
        });

    Envelope message = send(user, "plan my trip");
    awaitAnswer(message);
    // the turn stores what was said after its reply
    awaitProcessed();

    String turn = message.id().toString();
    // the secretary's calls 0 and 2; the planner, asked by call 1, keys below it
    assertThat(rest.reminderKeys())
        .filteredOn(key -> key != null && key.startsWith(turn))
        .containsExactly(turn + ":0", turn + ":1:0", turn + ":2");
    assertThat(rest.messageKeys())
        .filteredOn(key -> key != null && key.startsWith(turn))
        .containsExactly(turn + ":history:0:user", turn + ":history:1:assistant");
  }

  @Test
  void aDelegationLoopStopsWithAClearToolAnswerAndNoModelCall() {
    long user = newUser("Bob");
    AssistantDto secretary = rest.assignSecretary(user, "You are Bob's secretary.");
    AssistantDto writer =
        rest.addAssistant("Writer", "gpt-4o-mini", null, "You are the looping Writer.", true);
    rest.linkSubAssistant(secretary.id(), "writer", writer.id());
    rest.linkSubAssistant(writer.id(), "ask_secretary", secretary.id());
    llm.respondWith(
        request ->
            request.systemPromptContains("You are the looping Writer")
                ? delegating(request, "ask_secretary", "Please write it yourself.", "Writer: ")
                : delegatingSecretary(request, "writer", "Write a note."));

    Envelope reply = awaitAnswer(send(user, "write a note"));

    String stopped =
        "Delegation stopped: "
            + secretary.name()
            + " already asked Writer in this chain, so asking it again would go in a circle ("
            + secretary.name()
            + " → Writer → "
            + secretary.name()
            + ", limit 2). Do the task yourself and answer with what you have.";
    assertThat(reply.text()).isEqualTo("Secretary says: Writer: " + stopped);
    // the secretary's model was asked twice for the user, never a third time as a sub-assistant
    assertThat(requestsOf("You are Bob's secretary.")).hasSize(2);
    assertThat(requestsOf("You are the looping Writer")).hasSize(2);
    assertThat(lastToolResult(requestsOf("You are the looping Writer").get(1))).isEqualTo(stopped);
  }

  @Test
  void aChainDeeperThanTheLimitStopsBeforeTheLastAssistantIsAsked() {
    long user = newUser("Cleo");
    AssistantDto secretary = rest.assignSecretary(user, "You are Cleo's secretary.");
    AssistantDto writer =
        rest.addAssistant("Writer", "gpt-4o-mini", null, "You are the chained Writer.", true);
    AssistantDto researcher =
        rest.addAssistant("Researcher", "gpt-4o-mini", null, "You are the Researcher.", true);
    AssistantDto editor =
        rest.addAssistant("Editor", "gpt-4o-mini", null, "You are the Editor.", true);
    rest.linkSubAssistant(secretary.id(), "writer", writer.id());
    rest.linkSubAssistant(writer.id(), "researcher", researcher.id());
    rest.linkSubAssistant(researcher.id(), "editor", editor.id());
    llm.respondWith(
        request -> {
          if (request.systemPromptContains("You are the chained Writer")) {
            return delegating(request, "researcher", "Find facts.", "Writer: ");
          }
          if (request.systemPromptContains("You are the Researcher")) {
            return delegating(request, "editor", "Polish this.", "Researcher: ");
          }
          if (request.systemPromptContains("You are the Editor")) {
            return OpenAiAnswer.text("Editor was asked");
          }
          return delegatingSecretary(request, "writer", "Write an essay.");
        });

    Envelope reply = awaitAnswer(send(user, "write an essay"));

    String stopped =
        "Delegation stopped: "
            + secretary.name()
            + " → Writer → Researcher → Editor would be more than 2 delegations for one message"
            + " (limit 2). Do the task yourself and answer with what you have.";
    assertThat(reply.text()).isEqualTo("Secretary says: Writer: Researcher: " + stopped);
    assertThat(requestsOf("You are the Editor")).isEmpty();
  }

  @Test
  void anInactiveSubAssistantIsNotAskedAndTheModelIsToldSo() {
    long user = newUser("Dan");
    AssistantDto secretary = rest.assignSecretary(user, "You are Dan's secretary.");
    AssistantDto writer =
        rest.addAssistant("Sleepy Writer", "gpt-4o-mini", null, "You are the sleepy one.", false);
    rest.linkSubAssistant(secretary.id(), "writer", writer.id());
    llm.respondWith(request -> delegatingSecretary(request, "writer", "Write."));

    Envelope reply = awaitAnswer(send(user, "write"));

    assertThat(reply.text())
        .isEqualTo(
            "Secretary says: Sleepy Writer is switched off and cannot take tasks now. Do the task"
                + " yourself and answer with what you have.");
    assertThat(requestsOf("You are the sleepy one.")).isEmpty();
  }

  @Test
  void subAssistantIsReadFromTheCacheAndReloadedAfterItsChangeEvent() {
    long user = newUser("Eve");
    AssistantDto secretary = rest.assignSecretary(user, "You are Eve's secretary.");
    AssistantDto writer =
        rest.addAssistant("Cached Writer", "gpt-4o-mini", null, "You are the cached Writer.", true);
    rest.linkSubAssistant(secretary.id(), "writer", writer.id());
    llm.respondWith(
        request ->
            request.systemPromptContains("You are the cached Writer")
                ? OpenAiAnswer.text("done")
                : delegatingSecretary(request, "writer", "Write."));
    double hitsBefore = lookups("assistant", "hit");
    double missesBefore = lookups("assistant", "miss");

    awaitAnswer(send(user, "one"));
    awaitAnswer(send(user, "two"));

    assertThat(rest.requestCount("GET /api/assistants/" + writer.id())).isEqualTo(1);
    assertThat(rest.requestCount("GET /api/assistants/" + writer.id() + "/tools")).isEqualTo(1);
    assertThat(lookups("assistant", "miss") - missesBefore).isEqualTo(1);
    assertThat(lookups("assistant", "hit") - hitsBefore).isGreaterThanOrEqualTo(1);

    rest.updateAssistant(
        new AssistantDto(
            writer.id(),
            writer.name(),
            writer.description(),
            false,
            writer.provider(),
            writer.model(),
            writer.instructions(),
            null,
            null,
            false,
            writer.createdAt(),
            NOW));
    publishChange(ChangeKind.ASSISTANT, writer.id().toString());
    await()
        .atMost(WAIT)
        .until(
            () -> !Boolean.TRUE.equals(redis.hasKey("assistant:cache:assistant:" + writer.id())));
    Envelope reply = awaitAnswer(send(user, "three"));

    assertThat(reply.text()).startsWith("Secretary says: Cached Writer is switched off");
    assertThat(rest.requestCount("GET /api/assistants/" + writer.id())).isEqualTo(2);
  }

  // ---------------------------------------------------------------- scripted models

  /** The secretary: greets back, or delegates the request once and reports what came back. */
  static OpenAiAnswer delegatingSecretary(OpenAiRequest request, String tool, String task) {
    if (!request.answersToolCalls() && "hello".equals(request.lastUserText())) {
      return OpenAiAnswer.text("Hello!");
    }
    return delegating(request, tool, task, "Secretary says: ");
  }

  /** Calls the tool with the task first; once its result is in, answers with it after a prefix. */
  static OpenAiAnswer delegating(OpenAiRequest request, String tool, String task, String prefix) {
    if (request.answersToolCalls()) {
      return OpenAiAnswer.text(prefix + lastToolResult(request));
    }
    return OpenAiAnswer.toolCall(tool, "{\"task\":\"" + task + "\"}");
  }

  // ---------------------------------------------------------------- plumbing

  static OpenAiRequest only(List<OpenAiRequest> requests, int index) {
    assertThat(requests).hasSizeGreaterThan(index);
    return requests.get(index);
  }

  double lookups(String cache, String result) {
    var counter =
        meters.find("assistant.cache.lookups").tag("cache", cache).tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }

  long newUser(String name) {
    long id = userIds.incrementAndGet();
    rest.addUser(id, name, "Europe/Berlin");
    return id;
  }
}
