package org.smartassistant.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * With the secretary's model failing (5xx) the fallback model answers, once; with both failing the
 * user gets one apology; the model's circuit opens after the configured failures (two here) and the
 * metric shows it. Every test gives its secretary a model of its own, so that each starts with a
 * closed circuit. A request may wait 2 s for its answer, or between two chunks of a streamed one.
 */
@TestPropertySource(
    properties = {
      "smart.llm.fallback.provider=openai",
      "smart.llm.fallback.model=fallback-model",
      "smart.llm.circuit-breaker.failures=2",
      "smart.llm.circuit-breaker.open-for=1h",
      "smart.llm.timeout=2s"
    })
class ModelFallbackTest extends AssistantFlowTest {

  @Autowired MeterRegistry meters;

  @Test
  void theFallbackAnswersOnceWhenTheModelFails() {
    String instructions = "You are Fay's secretary.";
    long user = userOnModel("Fay", instructions, "broken-model-1");
    answer(
        instructions,
        () -> OpenAiAnswer.serverError(),
        () -> OpenAiAnswer.text("The fallback here.").withUsage(40, 8));

    Envelope answer = onlyAnswerTo(send(user, "are you there?"));

    assertThat(answer.text()).isEqualTo("The fallback here.");
    assertThat(answer.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(modelsAsked(instructions)).containsExactly("broken-model-1", "fallback-model");
    // recorded under the model that answered
    assertThat(rest.usageOf(user))
        .singleElement()
        .extracting(RecordUsageRequest::model, RecordUsageRequest::promptTokens)
        .containsExactly("fallback-model", 40L);
  }

  @Test
  void aStreamThatFallsSilentLongerThanTheTimeoutIsAnsweredByTheFallbackOnce() {
    String instructions = "You are Sil's secretary.";
    long user = userOnModel("Sil", instructions, "silent-model");
    // the first words at once, then 6 s of silence before each next one: its response began in
    // time, only the wait between two chunks is over the 2 s bound
    answer(
        instructions,
        () ->
            OpenAiAnswer.text("I am thinking about it very slowly indeed.")
                .withChunkDelay(Duration.ofSeconds(6)),
        () -> OpenAiAnswer.text("The fallback here."));

    Envelope message = send(user, "are you there?");
    Envelope answer = onlyAnswerTo(message);

    assertThat(answer.type()).isEqualTo(EnvelopeType.REPLY);
    assertThat(answer.text()).isEqualTo("The fallback here.");
    assertThat(modelsAsked(instructions)).containsExactly("silent-model", "fallback-model");
    assertThat(requestsOf(instructions)).allMatch(OpenAiRequest::stream);
  }

  @Test
  void aRequestTheModelRefusesIsNoOutageAndGoesToNoFallback() {
    String instructions = "You are Rey's secretary.";
    long user = userOnModel("Rey", instructions, "refusing-model");
    answer(
        instructions,
        () -> OpenAiAnswer.error(400, "Invalid value for 'messages'."),
        () -> OpenAiAnswer.text("The fallback here."));

    Envelope answer = onlyAnswerTo(send(user, "hello?"));

    assertThat(answer.type()).isEqualTo(EnvelopeType.ERROR);
    assertThat(modelsAsked(instructions)).isNotEmpty().doesNotContain("fallback-model");
  }

  @Test
  void withBothFailingTheUserGetsOneApology() {
    String instructions = "You are Bo's secretary.";
    long user = userOnModel("Bo", instructions, "broken-model-2");
    llm.respondWith(
        request -> request.systemPromptContains(instructions) ? OpenAiAnswer.serverError() : null);

    Envelope message = send(user, "hello?");
    await().atMost(WAIT).until(() -> !answersTo(message).isEmpty());
    awaitProcessed();

    List<Envelope> answers = answersTo(message);
    assertThat(answers).singleElement().extracting(Envelope::type).isEqualTo(EnvelopeType.ERROR);
    assertThat(answers.get(0).text()).startsWith("Sorry");
  }

  @Test
  void theCircuitOpensAfterTheConfiguredFailuresAndTheModelIsNoLongerCalled() {
    String instructions = "You are Cy's secretary.";
    long user = userOnModel("Cy", instructions, "broken-model-3");
    answer(
        instructions,
        () -> OpenAiAnswer.serverError(),
        () -> OpenAiAnswer.text("The fallback again."));

    for (String text : List.of("one", "two", "three")) {
      assertThat(onlyAnswerTo(send(user, text)).text()).isEqualTo("The fallback again.");
    }

    // two failures opened the circuit: the third message went to the fallback alone
    assertThat(modelsAsked(instructions))
        .containsExactly(
            "broken-model-3",
            "fallback-model",
            "broken-model-3",
            "fallback-model",
            "fallback-model");
    assertThat(state("openai:broken-model-3", "open")).isEqualTo(1);
    assertThat(state("openai:fallback-model", "closed")).isEqualTo(1);
  }

  /**
   * The secretary with these instructions gets {@code primary} from its own model and {@code
   * fallback} from the fallback model, a fresh answer per request.
   */
  private void answer(
      String instructions, Supplier<OpenAiAnswer> primary, Supplier<OpenAiAnswer> fallback) {
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains(instructions)) {
            return null;
          }
          return "fallback-model".equals(request.model()) ? fallback.get() : primary.get();
        });
  }

  private long userOnModel(String name, String instructions, String model) {
    long user = newUser(name, "UTC", instructions);
    rest.assignSecretary(user, instructions, model);
    return user;
  }

  private List<String> modelsAsked(String instructions) {
    return requestsOf(instructions).stream().map(OpenAiRequest::model).toList();
  }

  private double state(String breaker, String state) {
    Gauge gauge =
        meters
            .find("resilience4j.circuitbreaker.state")
            .tag("name", breaker)
            .tag("state", state)
            .gauge();
    return gauge == null ? -1 : gauge.value();
  }
}
