package org.smartassistant.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The assistant's part of usage accounting: every turn records the tokens the model reported, per
 * assistant and model, with their cost from the price table.
 */
@TestPropertySource(
    properties = {
      "smart.llm.prices=gpt-4o-mini=1.00/2.00,gpt-4o=5/15",
      "smart.limits.daily-tokens=1000"
    })
class UsageRecordingTest extends AssistantFlowTest {

  @Autowired MeterRegistry meters;

  @Test
  void aTurnWithAToolRoundRecordsTheTokensTheModelReportedAndTheirCost() {
    long user = newUser("Uma", "UTC", "You are Uma's secretary.");
    rest.linkTool(
        rest.assignSecretary(user, "You are Uma's secretary.").id(), "time", ToolType.TIME);
    double tokensBefore = tokens("prompt") + tokens("completion");
    int turnBatchesBefore = rest.requestCount("POST /api/messages/batch");
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("You are Uma's secretary.")) {
            return null;
          }
          return request.answersToolCalls()
              ? OpenAiAnswer.text("It is 08:30.").withUsage(150, 30)
              : OpenAiAnswer.toolCall("time", "{}").withUsage(100, 20);
        });

    Envelope answer = onlyAnswerTo(send(user, "what time is it?"));

    assertThat(answer.text()).isEqualTo("It is 08:30.");
    await().atMost(WAIT).until(() -> !rest.usageOf(user).isEmpty());
    List<RecordUsageRequest> usage = rest.usageOf(user);
    assertThat(usage).hasSize(1);
    // with the turn's history, in one request (a batch of turns): no usage request of its own
    assertThat(rest.requestCount("POST /api/messages/batch")).isGreaterThan(turnBatchesBefore);
    assertThat(rest.requestCount("POST /api/users/" + user + "/messages/batch")).isZero();
    assertThat(rest.requestCount("POST /api/users/" + user + "/usage")).isZero();
    RecordUsageRequest line = usage.get(0);
    assertThat(line.provider()).isEqualTo(LlmProvider.OPENAI);
    assertThat(line.model()).isEqualTo("gpt-4o-mini");
    assertThat(line.calls()).isEqualTo(2);
    assertThat(line.promptTokens()).isEqualTo(250);
    assertThat(line.completionTokens()).isEqualTo(50);
    // (250 × 1.00 + 50 × 2.00) per 1M tokens
    assertThat(line.cost()).isEqualByComparingTo("0.00035");
    assertThat(line.at()).isEqualTo(NOW);
    assertThat(tokens("prompt") + tokens("completion") - tokensBefore).isEqualTo(300);
  }

  private double tokens(String type) {
    return meters
        .find("assistant.llm.tokens")
        .tag("model", "gpt-4o-mini")
        .tag("type", type)
        .counters()
        .stream()
        .mapToDouble(counter -> counter.count())
        .sum();
  }
}
