package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;

/**
 * Streamed replies, the assistant's part: the secretary's turn streams the model's answer and
 * publishes drafts of it, at most one per interval, then the one reply; tools, usage and memory
 * work as in a turn asked in one request.
 */
class StreamedReplyTest extends AssistantFlowTest {

  static final String ANSWER =
      "Here is a longer answer that the model writes word by word so that the user sees it grow"
          + " while it is written.";

  @Test
  void aSlowAnswerGoesOutAsGrowingDraftsThenOneReplyAndItsUsageIsRecorded() {
    long user = newUser("Stella", "UTC", "You are Stella's secretary.");
    llm.respondWith(
        request ->
            request.systemPromptContains("You are Stella's secretary.")
                ? OpenAiAnswer.text(ANSWER)
                    .withChunkDelay(Duration.ofMillis(150))
                    .withUsage(120, 40)
                : null);

    Envelope message = send(user, "tell me something long");
    Envelope reply = onlyAnswerTo(message);

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(reply.text()).isEqualTo(ANSWER);
    List<Envelope> drafts = draftsOf(message);
    assertThat(drafts).hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i < drafts.size(); i++) {
      Envelope draft = drafts.get(i);
      assertThat(draft.chatId()).isEqualTo(reply.chatId());
      assertThat(ANSWER).startsWith(draft.text());
      if (i > 0) {
        assertThat(draft.text().length()).isGreaterThan(drafts.get(i - 1).text().length());
      }
    }
    // 20 words in about 3 s: the first draft 300 ms after the first word, then at most one a second
    assertThat(drafts).hasSizeLessThanOrEqualTo(5);
    OpenAiRequest request = requestsOf("You are Stella's secretary.").get(0);
    assertThat(request.stream()).isTrue();
    assertThat(request.body()).contains("\"include_usage\":true");
    await().atMost(WAIT).until(() -> !rest.usageOf(user).isEmpty());
    RecordUsageRequest usage = rest.usageOf(user).get(0);
    assertThat(usage.calls()).isEqualTo(1);
    assertThat(usage.promptTokens()).isEqualTo(120);
    assertThat(usage.completionTokens()).isEqualTo(40);
  }

  @Test
  void aToolCalledMidStreamRunsOnceAndTheReplyIsTheTextAfterIt() {
    long user = newUser("Tomas", "UTC", "You are Tomas's secretary.");
    rest.linkTool(
        rest.assignSecretary(user, "You are Tomas's secretary.").id(), "time", ToolType.TIME);
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("You are Tomas's secretary.")) {
            return null;
          }
          return request.answersToolCalls()
              ? OpenAiAnswer.text("It is 08:30 now.").withUsage(150, 30)
              : OpenAiAnswer.toolCall("time", "{\"timezone\":\"UTC\"}")
                  .withPreface("Let me look at the clock. ")
                  .withChunkDelay(Duration.ofMillis(100))
                  .withUsage(100, 20);
        });

    Envelope message = send(user, "what time is it?");
    Envelope reply = onlyAnswerTo(message);

    assertThat(reply.text()).isEqualTo("It is 08:30 now.");
    List<OpenAiRequest> requests = requestsOf("You are Tomas's secretary.");
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).toolResults()).hasSize(1);
    assertThat(lastToolResult(requests.get(1))).contains("UTC");
    // the preface showed while the model wrote it; the answer is the text after the tool
    assertThat(draftsOf(message)).extracting(Envelope::text).anyMatch(t -> t.startsWith("Let"));
    await().atMost(WAIT).until(() -> !rest.usageOf(user).isEmpty());
    RecordUsageRequest usage = rest.usageOf(user).get(0);
    assertThat(usage.calls()).isEqualTo(2);
    assertThat(usage.promptTokens()).isEqualTo(250);
    assertThat(usage.completionTokens()).isEqualTo(50);
  }
}
