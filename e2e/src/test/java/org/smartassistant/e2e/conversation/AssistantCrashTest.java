package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * The assistant is killed (SIGKILL, no graceful finish) while the model is answering; the message
 * stays pending, the restarted instance reclaims it and it is answered exactly once.
 */
class AssistantCrashTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void messageInHandOfAKilledInstanceIsAnsweredOnceByItsSuccessor() throws Exception {
    UserDto user = fixture.start(1171, "Gianni", "UTC");
    AtomicInteger calls = new AtomicInteger();
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Gianni.")
                ? OpenAiAnswer.text("Answer number " + calls.incrementAndGet())
                    .withLatency(Duration.ofSeconds(5))
                : null);
    ServiceProcess doomed = fixture.suite.instance(Service.ASSISTANT);
    int before = fixture.sentTexts(user).size();

    fixture.telegram.pushTextMessage(user.telegramId(), "Tell me something.");
    await().atMost(ConversationFixture.PATIENCE).until(() -> calls.get() == 1);
    doomed.kill();
    ServiceProcess successor = fixture.suite.start(Service.ASSISTANT);
    successor.awaitReady(Duration.ofSeconds(120));

    fixture.telegram.awaitSentMessages(user.telegramId(), before + 1, ConversationFixture.PATIENCE);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);

    List<String> texts = fixture.sentTexts(user);
    assertThat(texts.get(before)).isEqualTo("Answer number 2");
    assertThat(calls).hasValue(2);
    assertThat(fixture.deadLettersOf(user)).isEmpty();
  }
}
