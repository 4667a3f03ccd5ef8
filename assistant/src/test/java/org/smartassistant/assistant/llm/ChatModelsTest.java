package org.smartassistant.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.springframework.ai.anthropic.AnthropicChatModel;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.ollama.OllamaChatModel;
import org.springframework.ai.openai.OpenAiChatModel;

class ChatModelsTest {

  final FakeOpenAi llm = new FakeOpenAi().start();

  @AfterEach
  void stop() {
    llm.close();
  }

  LlmProperties properties(String openAiKey) {
    return new LlmProperties(
        Duration.ofSeconds(5),
        1,
        new LlmProperties.OpenAi(openAiKey, llm.apiUrl()),
        new LlmProperties.Anthropic(null, "http://127.0.0.1:9", 1024),
        new LlmProperties.Ollama("http://127.0.0.1:9"),
        new LlmProperties.Fallback(null, null),
        new LlmProperties.CircuitBreaker(5, java.time.Duration.ofSeconds(30)),
        "");
  }

  @Test
  void openAiAssistantTalksToTheConfiguredServerWithItsModelAndTemperature() {
    ChatModels models = new ChatModels(properties("sk-test"), ObservationRegistry.NOOP);
    llm.enqueue(OpenAiAnswer.text("hi"));

    String answer =
        models
            .clientFor(assistant(LlmProvider.OPENAI, "gpt-4.1-mini", 0.2))
            .prompt()
            .user("hello")
            .call()
            .content();

    assertThat(answer).isEqualTo("hi");
    assertThat(llm.lastRequest().model()).isEqualTo("gpt-4.1-mini");
    assertThat(llm.lastRequest().apiKey()).isEqualTo("sk-test");
    assertThat(llm.lastRequest().body()).contains("\"temperature\":0.2");
  }

  @Test
  void oneClientPerProviderModelAndTemperature() {
    ChatModels models = new ChatModels(properties("sk-test"), ObservationRegistry.NOOP);

    ChatClient first = models.clientFor(assistant(LlmProvider.OPENAI, "gpt-4o-mini", null));
    ChatClient same = models.clientFor(assistant(LlmProvider.OPENAI, "gpt-4o-mini", null));
    ChatClient warmer = models.clientFor(assistant(LlmProvider.OPENAI, "gpt-4o-mini", 0.9));

    assertThat(same).isSameAs(first);
    assertThat(warmer).isNotSameAs(first);
  }

  @Test
  void everyProviderIsBuiltWithoutAnyKeyConfigured() {
    ChatModels models = new ChatModels(properties(null), ObservationRegistry.NOOP);

    assertThat(models.build(new ChatModels.ModelKey(LlmProvider.OPENAI, "gpt-4o-mini", null)))
        .isInstanceOf(OpenAiChatModel.class);
    assertThat(
            models.build(new ChatModels.ModelKey(LlmProvider.ANTHROPIC, "claude-sonnet-4-5", 0.5)))
        .isInstanceOf(AnthropicChatModel.class);
    assertThat(models.build(new ChatModels.ModelKey(LlmProvider.OLLAMA, "llama3.2", null)))
        .isInstanceOf(OllamaChatModel.class);
  }

  @Test
  void withoutAKeyALocalServerIsStillReached() {
    ChatModels models = new ChatModels(properties(""), ObservationRegistry.NOOP);
    llm.enqueue(OpenAiAnswer.text("local"));

    String answer =
        models
            .clientFor(assistant(LlmProvider.OPENAI, "llama3", null))
            .prompt()
            .user("x")
            .call()
            .content();

    assertThat(answer).isEqualTo("local");
    assertThat(llm.lastRequest().apiKey()).isEqualTo(ChatModels.NO_KEY);
  }

  @Test
  void aLargePromptArrivesWholeAndAServerErrorIsRetriedThroughTheJdkTransport() {
    ChatModels models = new ChatModels(properties("sk-test"), ObservationRegistry.NOOP);
    llm.enqueue(OpenAiAnswer.serverError(), OpenAiAnswer.text("after a retry"));
    String prompt = "word ".repeat(8_000);

    String answer =
        models
            .clientFor(assistant(LlmProvider.OPENAI, "gpt-4o-mini", null))
            .prompt()
            .user(prompt)
            .call()
            .content();

    assertThat(answer).isEqualTo("after a retry");
    assertThat(llm.requestCount()).isEqualTo(2);
    assertThat(llm.lastRequest().body()).contains(prompt.strip());
  }

  @Test
  void aModelThatDoesNotAnswerInTimeFailsTheCall() {
    LlmProperties slow = properties("sk-test");
    LlmProperties quick =
        new LlmProperties(
            Duration.ofMillis(300),
            0,
            slow.openai(),
            slow.anthropic(),
            slow.ollama(),
            slow.fallback(),
            slow.circuitBreaker(),
            slow.prices());
    ChatModels models = new ChatModels(quick, ObservationRegistry.NOOP);
    llm.enqueue(OpenAiAnswer.hang(Duration.ofSeconds(5)));

    assertThatThrownBy(
            () ->
                models
                    .clientFor(assistant(LlmProvider.OPENAI, "gpt-4o-mini", null))
                    .prompt()
                    .user("x")
                    .call()
                    .content())
        .hasRootCauseInstanceOf(java.net.http.HttpTimeoutException.class);
  }

  static AssistantDto assistant(LlmProvider provider, String model, Double temperature) {
    Instant now = Instant.now();
    return new AssistantDto(
        UUID.randomUUID(),
        "a",
        null,
        true,
        provider,
        model,
        "x",
        null,
        temperature,
        true,
        now,
        now);
  }
}
