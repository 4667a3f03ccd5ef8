package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.OpenAiToolCall;
import org.springframework.test.context.TestPropertySource;

/**
 * What one user may cost: messages per minute, model calls and wall clock per message (delegations
 * included), and blocked or removed users. Limits set low: 20 messages a minute (the default), 5
 * model calls and 4 s per message; delegation depth and tool calls raised so that they do not stop
 * anything first.
 */
@TestPropertySource(
    properties = {
      "smart.limits.messages-per-minute=20",
      "smart.limits.max-model-calls-per-message=5",
      "smart.limits.message-deadline=4s",
      "smart.delegation.max-depth=10",
      "smart.tools.max-calls-per-message=100"
    })
class LimitsTest extends AssistantFlowTest {

  // ---------------------------------------------------------------- messages per minute

  @Test
  void fiftyMessagesInAMinuteReachTheModelTwentyTimesWithOneSlowDownReply() {
    long fast = newUser("Flash", "UTC", "You are Flash's secretary.");
    long calm = newUser("Calm", "UTC", "You are Calm's secretary.");

    List<Envelope> flood = new ArrayList<>();
    List<Envelope> calmOnes = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      flood.add(send(fast, "message " + i));
      if (i % 20 == 0) {
        calmOnes.add(send(calm, "calm " + i));
      }
    }
    await().atMost(WAIT).until(() -> answersToAll(flood).size() >= 21);
    calmOnes.forEach(this::awaitAnswer);
    awaitProcessed();

    List<Envelope> answers = answersToAll(flood);
    assertThat(answers).hasSize(21);
    assertThat(answers).filteredOn(a -> MessageRateLimiter.SLOW_DOWN.equals(a.text())).hasSize(1);
    assertThat(requestsOf("You are Flash's secretary.")).hasSize(20);
    // answered in order: the first twenty
    assertThat(answers)
        .filteredOn(a -> !MessageRateLimiter.SLOW_DOWN.equals(a.text()))
        .extracting(Envelope::text)
        .containsExactlyInAnyOrderElementsOf(
            flood.subList(0, 20).stream().map(m -> "You said: " + m.text()).toList());
    // another user at the same time is not affected
    assertThat(answersToAll(calmOnes))
        .extracting(Envelope::text)
        .containsExactly("You said: calm 0", "You said: calm 20", "You said: calm 40");
  }

  // ---------------------------------------------------------------- model calls per message

  @Test
  void aModelThatAlwaysWantsAnotherToolEndsAfterTheBudgetWithOneAnswer() {
    long user = userWhoseModelCallsTheClockForever("Loopy");

    Envelope answer = onlyAnswerTo(send(user, "what time is it?"));

    assertThat(answer.text()).isEqualTo(AssistantChat.STOPPED);
    List<OpenAiRequest> requests = requestsOf("You are Loopy's secretary.");
    assertThat(requests).hasSize(5);
    // the last one was asked for the final answer
    assertThat(requests.get(4).systemPrompt()).contains("## Answer now");
    assertThat(requests.get(3).systemPrompt()).doesNotContain("## Answer now");
  }

  @Test
  void recursiveDelegationWithFanOutSharesOneBudgetAndGivesOneAnswer() {
    long user = newUser("Tree", "UTC", "You are Tree's secretary.");
    AssistantDto secretary = rest.assignSecretary(user, "You are Tree's secretary.");
    List<List<AssistantDto>> levels = new ArrayList<>();
    for (int level = 1; level <= 3; level++) {
      List<AssistantDto> pair = new ArrayList<>();
      for (String side : List.of("a", "b")) {
        pair.add(
            rest.addAssistant(
                "L" + level + side,
                "gpt-4o-mini",
                null,
                "You are helper L" + level + side + ".",
                true));
      }
      levels.add(pair);
    }
    linkBoth(secretary, levels.get(0));
    for (int level = 0; level < 2; level++) {
      for (AssistantDto helper : levels.get(level)) {
        linkBoth(helper, levels.get(level + 1));
      }
    }
    // every assistant hands the task to both helpers below it, then reports what came back
    llm.respondWith(
        request -> {
          if (request.systemPromptContains("You are helper L3")) {
            return OpenAiAnswer.text("leaf done");
          }
          if (request.answersToolCalls()) {
            return OpenAiAnswer.text("Summary: " + lastToolResult(request));
          }
          String below =
              request.systemPromptContains("You are helper L1")
                  ? "L2"
                  : request.systemPromptContains("You are helper L2") ? "L3" : "L1";
          return OpenAiAnswer.toolCalls(
              OpenAiToolCall.of("ask_" + below + "a", "{\"task\":\"Do your part.\"}"),
              OpenAiToolCall.of("ask_" + below + "b", "{\"task\":\"Do your part.\"}"));
        });

    Envelope answer = onlyAnswerTo(send(user, "plan my week"));

    assertThat(llm.requests()).hasSizeLessThanOrEqualTo(5);
    assertThat(answer.text())
        .isEqualTo(
            "Summary: Delegation stopped: the budget of model calls for this message is spent. Do"
                + " the task yourself and answer with what you have.");
  }

  // ---------------------------------------------------------------- wall clock per message

  @Test
  void aModelSlowerThanTheDeadlineEndsTheMessageWithOneAnswer() {
    llm.setLatency(Duration.ofMillis(2_500));
    long user = userWhoseModelCallsTheClockForever("Slow");

    Envelope answer = onlyAnswerTo(send(user, "what time is it?"));

    assertThat(answer.text()).isEqualTo(AssistantChat.STOPPED);
    // stopped by the clock (4 s: two requests of 2.5 s, one on a slow machine), not by the five
    // model calls
    assertThat(requestsOf("You are Slow's secretary.")).hasSizeBetween(1, 2);
  }

  @Test
  void aToolRoundLongerThanTheDeadlineEndsTheMessageWithTheModelsLastText() {
    long user = newUser("Wait", "UTC", "You are Wait's secretary.");
    AssistantDto secretary = rest.assignSecretary(user, "You are Wait's secretary.");
    AssistantDto helper =
        rest.addAssistant("Slowpoke", "gpt-4o-mini", null, "You are helper Slowpoke.", true);
    linkBoth(secretary, List.of(helper));
    // the helper takes 6 s, longer than the 4 s of the message: the tool round outlasts the
    // deadline while the secretary's streamed exchange waits for it
    llm.respondWith(
        request -> {
          if (request.systemPromptContains("You are helper Slowpoke.")) {
            return OpenAiAnswer.text("done, slowly").withLatency(Duration.ofSeconds(6));
          }
          if (request.systemPromptContains("You are Wait's secretary.")) {
            return request.answersToolCalls()
                ? OpenAiAnswer.text("Slowpoke said: " + lastToolResult(request))
                : OpenAiAnswer.toolCall("ask_Slowpoke", "{\"task\":\"Do it.\"}")
                    .withPreface("I am asking Slowpoke.");
          }
          return null;
        });

    Envelope answer = onlyAnswerTo(send(user, "do it"));

    // the round ended past the deadline: no further request, the last text the model wrote
    assertThat(answer.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(answer.text()).isEqualTo("I am asking Slowpoke.");
    assertThat(requestsOf("You are Wait's secretary.")).hasSize(1);
    assertThat(requestsOf("You are helper Slowpoke.")).hasSize(1);
  }

  // ---------------------------------------------------------------- blocked and removed users

  @Test
  void aBlockedUsersMessageAndReminderReachNeitherTheModelNorTheOutbox() {
    long user = newUser("Blocked", "UTC", "You are Blocked's secretary.");
    rest.block(user);
    long removed = userIds.incrementAndGet();

    List<Envelope> entries =
        List.of(
            send(user, "hello?"),
            sendReminder(user, "call mum"),
            sendReminder(removed, "water the plants"));
    Envelope after = send(newUser("Other", "UTC", "You are Other's secretary."), "hi");
    awaitAnswer(after);
    awaitProcessed();

    assertThat(requestsOf("You are Blocked's secretary.")).isEmpty();
    assertThat(answersToAll(entries)).isEmpty();
  }

  // ---------------------------------------------------------------- helpers

  List<Envelope> answersToAll(List<Envelope> messages) {
    List<String> ids = messages.stream().map(m -> m.id().toString()).toList();
    return outbox().stream().filter(a -> ids.contains(a.attr("inReplyTo"))).toList();
  }

  /** A user whose secretary has a clock tool and a model that calls it whatever it is told. */
  long userWhoseModelCallsTheClockForever(String name) {
    String instructions = "You are " + name + "'s secretary.";
    long user = newUser(name, "UTC", instructions);
    AssistantDto secretary = rest.assignSecretary(user, instructions);
    rest.linkTool(secretary.id(), "clock", ToolType.TIME);
    llm.respondWith(
        request ->
            request.systemPromptContains(instructions)
                ? OpenAiAnswer.toolCall("clock", "{}")
                : null);
    return user;
  }

  static void linkBoth(AssistantDto from, List<AssistantDto> helpers) {
    for (AssistantDto helper : helpers) {
      rest.linkSubAssistant(from.id(), "ask_" + helper.name(), helper.id());
    }
  }
}
