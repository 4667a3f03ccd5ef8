package org.smartassistant.testsupport.fakes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.model.chat.client.autoconfigure.ChatClientAutoConfiguration;
import org.springframework.ai.model.openai.autoconfigure.OpenAiChatAutoConfiguration;
import org.springframework.ai.model.tool.autoconfigure.ToolCallingAutoConfiguration;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/** The fake chat-completions API driven by Spring AI's OpenAI chat model (openai-java inside). */
class FakeOpenAiTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private FakeOpenAi llm;

  @BeforeEach
  void startFake() {
    llm = new FakeOpenAi().start();
  }

  @AfterEach
  void stopFake() {
    llm.close();
  }

  @Test
  void chatClientGetsTheScriptedText() {
    llm.enqueue(OpenAiAnswer.text("Hello from the fake"));

    String answer = chat(2, WAIT).prompt().user("Hi there").call().content();

    assertThat(answer).isEqualTo("Hello from the fake");
    OpenAiRequest request = llm.lastRequest();
    assertThat(request.model()).isEqualTo("gpt-4o-mini");
    assertThat(request.lastUserText()).isEqualTo("Hi there");
    assertThat(request.apiKey()).isEqualTo("sk-test");
    assertThat(request.stream()).isFalse();
  }

  @Test
  void springBootAutoConfigurationReachesTheFakeThroughBaseUrlProperty() {
    llm.enqueue(OpenAiAnswer.text("configured by properties"));

    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                OpenAiChatAutoConfiguration.class,
                ToolCallingAutoConfiguration.class,
                ChatClientAutoConfiguration.class))
        .withPropertyValues(
            "spring.ai.openai.base-url=" + llm.apiUrl(),
            "spring.ai.openai.api-key=sk-from-properties",
            "spring.ai.openai.chat.options.model=gpt-4.1-mini")
        .run(
            context -> {
              String answer =
                  context
                      .getBean(ChatClient.Builder.class)
                      .build()
                      .prompt()
                      .user("hi")
                      .call()
                      .content();

              assertThat(answer).isEqualTo("configured by properties");
              assertThat(llm.lastRequest().model()).isEqualTo("gpt-4.1-mini");
              assertThat(llm.lastRequest().apiKey()).isEqualTo("sk-from-properties");
            });
  }

  @Test
  void defaultAnswerEchoesTheUserText() {
    String answer = chat(2, WAIT).prompt().user("ping").call().content();

    assertThat(answer).isEqualTo("You said: ping");
  }

  @Test
  void systemPromptIsRecorded() {
    chat(2, WAIT)
        .prompt()
        .system("You are the secretary of Ann. Today is Monday.")
        .user("What day is it?")
        .call()
        .content();

    OpenAiRequest request = llm.lastRequest();
    assertThat(request.systemPrompt()).isEqualTo("You are the secretary of Ann. Today is Monday.");
    assertThat(request.messages())
        .extracting(OpenAiMessage::role)
        .containsExactly("system", "user");
  }

  @Test
  void toolCallRoundTripRunsTheToolAndReturnsTheFinalText() {
    ReminderTools tools = new ReminderTools();
    llm.enqueue(
        OpenAiAnswer.toolCall("reminder_create", "{\"text\":\"call mum\",\"at\":\"09:00\"}"),
        OpenAiAnswer.text("Done: I will remind you at 9."));

    String answer =
        chat(2, WAIT)
            .prompt()
            .user("remind me at 9 to call mum")
            .tools(tools)
            .toolContext(Map.of("userId", "user-secret-41"))
            .call()
            .content();

    assertThat(answer).isEqualTo("Done: I will remind you at 9.");
    assertThat(tools.calls).containsExactly("call mum at 09:00 for user-secret-41");
    List<OpenAiRequest> requests = llm.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).toolNames()).containsExactly("reminder_create");
    assertThat(requests.get(0).tools().get(0).parametersJson()).contains("\"at\"");
    OpenAiRequest second = requests.get(1);
    assertThat(second.answersToolCalls()).isTrue();
    OpenAiMessage call = second.messages().get(1);
    assertThat(call.isAssistant()).isTrue();
    assertThat(call.toolCalls())
        .extracting(OpenAiToolCall::name)
        .containsExactly("reminder_create");
    String callId = call.toolCalls().get(0).id();
    assertThat(callId).startsWith("call_");
    assertThat(second.toolResult(callId))
        .hasValueSatisfying(r -> assertThat(r).contains("created reminder 7"));
    // the tool context reaches the tool, never the model
    assertThat(second.body()).doesNotContain("user-secret-41");
  }

  @Test
  void responderTellsCallersApartBySystemPrompt() {
    llm.respondWith(
        request ->
            request.systemPromptContains("secretary")
                ? OpenAiAnswer.text("secretary speaking")
                : OpenAiAnswer.text("weather expert speaking"));
    ChatClient chat = chat(2, WAIT);

    String secretary = chat.prompt().system("You are a secretary.").user("hi").call().content();
    String expert = chat.prompt().system("You know the weather.").user("hi").call().content();

    assertThat(secretary).isEqualTo("secretary speaking");
    assertThat(expert).isEqualTo("weather expert speaking");
  }

  @Test
  void serverErrorIsRetriedBySdkAndThenSucceeds() {
    llm.enqueue(OpenAiAnswer.serverError(), OpenAiAnswer.text("recovered"));

    String answer = chat(2, WAIT).prompt().user("hello").call().content();

    assertThat(answer).isEqualTo("recovered");
    assertThat(llm.requests()).hasSize(2);
  }

  @Test
  void rateLimitWithRetryAfterIsRetriedBySdk() {
    llm.enqueue(
        OpenAiAnswer.rateLimited(Duration.ofMillis(200)), OpenAiAnswer.text("after the wait"));

    String answer = chat(2, WAIT).prompt().user("hello").call().content();

    assertThat(answer).isEqualTo("after the wait");
    assertThat(llm.requestCount()).isEqualTo(2);
  }

  @Test
  void errorWithoutRetriesReachesTheCaller() {
    llm.enqueue(OpenAiAnswer.rateLimited(Duration.ofSeconds(1)));

    assertThatThrownBy(() -> chat(0, WAIT).prompt().user("hello").call().content())
        .hasMessageContaining("429");
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void hangingAnswerEndsInTheClientTimeout() {
    llm.enqueue(OpenAiAnswer.hang(Duration.ofSeconds(30)));

    assertThatThrownBy(
            () -> chat(0, Duration.ofMillis(500)).prompt().user("hello").call().content())
        .hasStackTraceContaining("timeout");
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void delayedAnswerArrives() {
    llm.setLatency(Duration.ofMillis(50));
    llm.enqueue(OpenAiAnswer.text("slow but sure").withLatency(Duration.ofMillis(100)));

    assertThat(chat(0, WAIT).prompt().user("hello").call().content()).isEqualTo("slow but sure");
  }

  @Test
  void streamingAnswersWithServerSentEvents() {
    llm.enqueue(OpenAiAnswer.text("one two three"));

    List<String> pieces =
        chat(2, WAIT).prompt().user("count").stream().content().collectList().block(WAIT);

    assertThat(String.join("", pieces)).isEqualTo("one two three");
    assertThat(llm.lastRequest().stream()).isTrue();
  }

  @Test
  void anAnswerReportsTheTokenCountsItNames() {
    llm.enqueue(OpenAiAnswer.text("counted").withUsage(1234, 56));

    Usage usage =
        chat(2, WAIT).prompt().user("count me").call().chatResponse().getMetadata().getUsage();

    assertThat(usage.getPromptTokens()).isEqualTo(1234);
    assertThat(usage.getCompletionTokens()).isEqualTo(56);
    assertThat(usage.getTotalTokens()).isEqualTo(1290);
  }

  @Test
  void aStreamedAnswerReportsTheTokenCountsWhenAsked() {
    llm.enqueue(OpenAiAnswer.text("streamed").withUsage(300, 7));
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .options(
                OpenAiChatOptions.builder()
                    .baseUrl(llm.apiUrl())
                    .apiKey("sk-test")
                    .model("gpt-4o-mini")
                    .streamUsage(true)
                    .build())
            .build();

    List<ChatResponse> chunks =
        ChatClient.create(model).prompt().user("count").stream()
            .chatResponse()
            .collectList()
            .block(WAIT);

    Usage last = chunks.get(chunks.size() - 1).getMetadata().getUsage();
    assertThat(last.getPromptTokens()).isEqualTo(300);
    assertThat(last.getCompletionTokens()).isEqualTo(7);
  }

  @Test
  void streamingToolCallRoundTrip() {
    ReminderTools tools = new ReminderTools();
    llm.enqueue(
        OpenAiAnswer.toolCall("reminder_create", "{\"text\":\"water plants\",\"at\":\"18:00\"}"),
        OpenAiAnswer.text("Reminder set."));

    List<String> pieces =
        chat(2, WAIT)
            .prompt()
            .user("remind me")
            .tools(tools)
            .toolContext(Map.of("userId", "u1"))
            .stream()
            .content()
            .collectList()
            .block(WAIT);

    assertThat(String.join("", pieces)).isEqualTo("Reminder set.");
    assertThat(tools.calls).containsExactly("water plants at 18:00 for u1");
  }

  @Test
  void awaitRequestsWaitsAndExplainsATimeout() {
    chat(2, WAIT).prompt().user("first").call().content();

    assertThat(llm.awaitRequests(1, WAIT)).hasSize(1);
    assertThatThrownBy(() -> llm.awaitRequests(2, Duration.ofMillis(100)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("got 1")
        .hasMessageContaining("user: first");
  }

  @Test
  void modelsAreListed() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(llm.apiUrl() + "/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(
            JsonMapper.builder().build().readTree(response.body()).at("/data/0/object").asString())
        .isEqualTo("model");
  }

  @Test
  void resetForgetsRequestsAndScript() {
    llm.enqueue(OpenAiAnswer.text("unused"), OpenAiAnswer.text("unused too"));
    llm.respondWith(request -> OpenAiAnswer.text("responder"));
    chat(2, WAIT).prompt().user("x").call().content();

    llm.reset();

    assertThat(llm.requests()).isEmpty();
    assertThat(llm.pendingAnswers()).isZero();
    assertThat(chat(2, WAIT).prompt().user("y").call().content()).isEqualTo("You said: y");
  }

  private ChatClient chat(int maxRetries, Duration timeout) {
    OpenAiChatModel model =
        OpenAiChatModel.builder()
            .options(
                OpenAiChatOptions.builder()
                    .baseUrl(llm.apiUrl())
                    .apiKey("sk-test")
                    .model("gpt-4o-mini")
                    .maxRetries(maxRetries)
                    .timeout(timeout)
                    .build())
            .build();
    return ChatClient.create(model);
  }

  /** A tool family as the assistant declares them; records what the model made it do. */
  static class ReminderTools {

    final List<String> calls = new CopyOnWriteArrayList<>();

    @Tool(name = "reminder_create", description = "Creates a reminder for the user")
    String createReminder(
        @ToolParam(description = "what to remind of") String text,
        @ToolParam(description = "local time HH:mm") String at,
        ToolContext context) {
      calls.add(text + " at " + at + " for " + context.getContext().get("userId"));
      return "created reminder 7";
    }
  }
}
