package org.smartassistant.assistant.tools.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * Long-term memory in a running assistant: the tools as the model calls them (the user from the
 * tool context only), and the facts that go into each turn's system prompt, never another user's.
 */
class MemoryToolsTest extends AssistantFlowTest {

  @Test
  void theModelKeepsAFactForTheUserOfTheTurnAndALaterPromptShowsIt() {
    long ann = memoryUser("Ann");
    long bob = memoryUser("Bob");
    llm.enqueue(
        OpenAiAnswer.toolCall(
            "memory_save", "{\"fact\":\"Her daughter is Mia\",\"userId\":" + bob + "}"),
        OpenAiAnswer.text("I'll remember that."));

    assertThat(awaitAnswer(send(ann, "my daughter is Mia")).text())
        .isEqualTo("I'll remember that.");

    assertThat(rest.memories(ann))
        .extracting(MemoryDto::content)
        .containsExactly("Her daughter is Mia");
    assertThat(rest.memories(bob)).isEmpty();
    MemoryDto kept = rest.memories(ann).get(0);
    assertThat(lastToolResult(llm.lastRequest()))
        .isEqualTo("Kept: \\\"Her daughter is Mia\\\" [" + kept.id() + "].");

    awaitAnswer(send(ann, "what is my daughter called?"));

    assertThat(llm.lastRequest().systemPrompt())
        .contains("## What you know about the user")
        .contains("- [" + kept.id() + "] Her daughter is Mia");
  }

  @Test
  void aPromptHoldsTheUsersOwnFactsAndNeverAnotherUsersSimilarOnes() {
    long ann = memoryUser("Ann");
    long bob = memoryUser("Bob");
    rest.addMemory(ann, "Ann's daughter is Mia");
    rest.addMemory(ann, "Ann prefers meetings after 10");
    rest.addMemory(bob, "Bob's daughter is Lena");
    rest.addMemory(bob, "Bob prefers meetings before 9");

    awaitAnswer(send(ann, "when does my daughter have time for meetings?"));
    String annPrompt = llm.lastRequest().systemPrompt();
    awaitAnswer(send(bob, "when does my daughter have time for meetings?"));
    String bobPrompt = llm.lastRequest().systemPrompt();

    assertThat(annPrompt)
        .contains("Ann's daughter is Mia", "Ann prefers meetings after 10")
        .doesNotContain("Lena", "before 9");
    assertThat(bobPrompt)
        .contains("Bob's daughter is Lena", "Bob prefers meetings before 9")
        .doesNotContain("Mia", "after 10");
  }

  @Test
  void aUserWithoutFactsGetsNoMemorySection() {
    long carl = memoryUser("Carl");

    awaitAnswer(send(carl, "hello"));

    assertThat(llm.lastRequest().systemPrompt()).doesNotContain("What you know about the user");
  }

  @Test
  void aUserWithoutFactsIsNotAskedForThemAgainUntilOneIsKept() {
    long cleo = memoryUser("Cleo");
    String factsRequest = "GET /api/users/" + cleo + "/memories";

    awaitAnswer(send(cleo, "hello"));
    awaitAnswer(send(cleo, "hello again"));

    // asked once, with the user (the first turn's one request), found none; not asked again
    assertThat(rest.requestCount("GET /api/users/" + cleo + "/turn-context")).isEqualTo(1);
    assertThat(rest.requestCount(factsRequest)).as("asked with the user only").isZero();

    // the operator keeps a fact through the API; rest-service announces it on changes:memory
    rest.addMemory(cleo, "Cleo drinks green tea");
    publishChange(ChangeKind.MEMORY, Long.toString(cleo));
    await()
        .atMost(WAIT)
        .until(() -> !Boolean.TRUE.equals(redis.hasKey("assistant:cache:facts:" + cleo)));
    awaitAnswer(send(cleo, "what do I drink?"));

    assertThat(llm.lastRequest().systemPrompt()).contains("Cleo drinks green tea");
    assertThat(rest.requestCount(factsRequest)).isEqualTo(1);
  }

  @Test
  void searchFindsOnlyTheUsersFactsAndForgetNeverCrossesUsers() {
    long ann = memoryUser("Ann");
    long bob = memoryUser("Bob");
    MemoryDto annsDaughter = rest.addMemory(ann, "Her daughter is Mia");
    MemoryDto bobsDaughter = rest.addMemory(bob, "His daughter is Lena");
    llm.enqueue(
        OpenAiAnswer.toolCall("memory_search", "{\"query\":\"daughter\"}"),
        OpenAiAnswer.toolCall("memory_forget", "{\"id\":\"" + bobsDaughter.id() + "\"}"),
        OpenAiAnswer.toolCall("memory_forget", "{\"id\":\"[" + annsDaughter.id() + "]\"}"),
        OpenAiAnswer.toolCall("memory_forget", "{\"id\":\"the first one\"}"),
        OpenAiAnswer.text("Done."));

    awaitAnswer(send(ann, "forget about my daughter"));

    var requests = llm.requests();
    String search = lastToolResult(requests.get(1));
    assertThat(search)
        .contains("[" + annsDaughter.id() + "] Her daughter is Mia")
        .doesNotContain("Lena");
    assertThat(lastToolResult(requests.get(2)))
        .isEqualTo(
            "No fact ["
                + bobsDaughter.id()
                + "] is kept about the user; memory_search shows them.");
    assertThat(lastToolResult(requests.get(3)))
        .isEqualTo("Forgot fact [" + annsDaughter.id() + "].");
    assertThat(lastToolResult(requests.get(4))).contains("is not a fact's number");
    assertThat(rest.memories(ann)).isEmpty();
    assertThat(rest.memories(bob)).containsExactly(bobsDaughter);

    awaitAnswer(send(ann, "what is my daughter called?"));
    assertThat(llm.lastRequest().systemPrompt()).doesNotContain("Mia");
  }

  @Test
  void atTheCapTheToolTellsTheModelOneClearSentence() {
    long dora = memoryUser("Dora");
    rest.setMemoryCap(1);
    try {
      rest.addMemory(dora, "Dora likes tea");
      llm.enqueue(
          OpenAiAnswer.toolCall("memory_save", "{\"fact\":\"Dora lives in Bern\"}"),
          OpenAiAnswer.text("My memory is full."));

      awaitAnswer(send(dora, "I live in Bern"));

      assertThat(lastToolResult(llm.lastRequest()))
          .isEqualTo(
              "The fact was not kept because the user's memory is full: tell the user so and ask"
                  + " which fact to forget (memory_search lists them, memory_forget removes one).");
      assertThat(rest.memories(dora))
          .extracting(MemoryDto::content)
          .containsExactly("Dora likes tea");
    } finally {
      rest.setMemoryCap(100);
    }
  }

  private long memoryUser(String name) {
    long user = newUser(name, "Europe/Berlin", "You are " + name + "'s secretary.");
    AssistantDto secretary = rest.assignSecretary(user, "You are " + name + "'s secretary.");
    rest.linkTool(secretary.id(), "memory_save", ToolType.MEMORY_SAVE);
    rest.linkTool(secretary.id(), "memory_search", ToolType.MEMORY_SEARCH);
    rest.linkTool(secretary.id(), "memory_forget", ToolType.MEMORY_FORGET);
    return user;
  }
}
