package org.smartassistant.assistant.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.springframework.test.context.TestPropertySource;

/**
 * {@code TELEGRAM_STREAMING=false}: the model is asked in one request and no draft is published.
 */
@TestPropertySource(properties = "smart.streaming.enabled=false")
class StreamingOffTest extends AssistantFlowTest {

  @Test
  void theModelIsAskedInOneRequestAndOnlyTheReplyIsPublished() {
    long user = newUser("Quentin", "UTC", "You are Quentin's secretary.");
    llm.respondWith(
        request ->
            request.systemPromptContains("You are Quentin's secretary.")
                ? OpenAiAnswer.text(StreamedReplyTest.ANSWER).withChunkDelay(Duration.ofMillis(100))
                : null);

    Envelope message = send(user, "tell me something long");

    assertThat(onlyAnswerTo(message).text()).isEqualTo(StreamedReplyTest.ANSWER);
    assertThat(draftsOf(message)).isEmpty();
    assertThat(requestsOf("You are Quentin's secretary.").get(0).stream()).isFalse();
  }
}
