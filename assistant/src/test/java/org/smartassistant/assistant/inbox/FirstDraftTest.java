package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code TELEGRAM_FIRST_DRAFT_AFTER} (1 s here): an answer the model writes in less time than that
 * goes out as the reply alone, without drafts, even when the model took longer than that to begin.
 */
@TestPropertySource(
    properties = {"smart.streaming.enabled=true", "smart.streaming.first-draft-after=1s"})
class FirstDraftTest extends AssistantFlowTest {

  @Test
  void anAnswerWrittenAtOnceAfterASlowStartGoesOutWithoutDrafts() {
    long user = newUser("Quinn", "UTC", "You are Quinn's secretary.");
    llm.respondWith(
        request ->
            request.systemPromptContains("You are Quinn's secretary.")
                ? OpenAiAnswer.text(StreamedReplyTest.ANSWER).withLatency(Duration.ofSeconds(2))
                : null);

    Envelope message = send(user, "quick one");
    Envelope reply = onlyAnswerTo(message);

    assertThat(reply.text()).isEqualTo(StreamedReplyTest.ANSWER);
    assertThat(requestsOf("You are Quinn's secretary.").get(0).stream()).isTrue();
    // drafts precede their reply in the outbox: none was published
    assertThat(draftsOf(message)).isEmpty();
  }
}
