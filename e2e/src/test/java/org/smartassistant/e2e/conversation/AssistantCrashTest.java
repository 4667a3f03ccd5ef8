package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * The assistant is killed (SIGKILL, no graceful finish) while the model is answering: the message
 * stays pending, a new instance reclaims it and answers it, exactly once.
 */
class AssistantCrashTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.suite.llm();

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void messageInHandOfAKilledInstanceIsAnsweredOnceByAnother() throws Exception {
    UserDto user = fixture.user(1171, "Gianni", "UTC");
    AtomicInteger calls = new AtomicInteger();
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Gianni.")
                ? OpenAiAnswer.text("Answer number " + calls.incrementAndGet())
                    .withLatency(Duration.ofSeconds(5))
                : null);
    ServiceProcess doomed = fixture.suite.instance(Service.ASSISTANT);

    Envelope message = fixture.send(user, "Tell me something.");
    await().atMost(ConversationFixture.ANSWER_PATIENCE).until(() -> calls.get() == 1);
    doomed.kill();
    assertThat(fixture.answersTo(message)).isEmpty();
    ServiceProcess successor = fixture.suite.start(Service.ASSISTANT);
    successor.awaitReady(Duration.ofSeconds(120));

    Envelope reply = fixture.awaitAnswer(message);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.answersTo(message).size() == 1);

    assertThat(reply.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(reply.text()).isEqualTo("Answer number 2");
    assertThat(fixture.deadLettersOf(message)).isEmpty();
  }
}
