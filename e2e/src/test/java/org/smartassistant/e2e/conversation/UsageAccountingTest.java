package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.UsageDto;
import org.smartassistant.common.api.UsageLineDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;

/**
 * After a scripted exchange through the whole suite (a tool round and a plain answer), {@code GET
 * /api/users/{id}/usage} shows exactly the tokens the fake model reported and their cost from the
 * suite's price table ({@link Suite#LLM_PRICES}: gpt-4o-mini 0.15 / 0.60 per 1M input / output
 * tokens).
 */
class UsageAccountingTest {

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @Test
  void theUsageApiShowsTheTokensTheModelReportedAndTheirCost() {
    UserDto user = fixture.start(1175, "Ugo", "Europe/Rome");
    UsageDto before = usageAroundToday(user);
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Ugo.")) {
            return null;
          }
          if (request.lastMessage().content().contains("What time is it")) {
            return OpenAiAnswer.toolCall("time", "{}").withUsage(1200, 30);
          }
          return request.answersToolCalls()
              ? OpenAiAnswer.text("It is late.").withUsage(1300, 40)
              : OpenAiAnswer.text("Hello Ugo.").withUsage(700, 25);
        });

    assertThat(fixture.say(user, "Hello!")).isEqualTo("Hello Ugo.");
    assertThat(fixture.say(user, "What time is it?")).isEqualTo("It is late.");

    // recorded once each reply is out
    await()
        .atMost(ConversationFixture.PATIENCE)
        .until(() -> usageAroundToday(user).calls() - before.calls() >= 3);
    UsageDto after = usageAroundToday(user);
    assertThat(after.calls() - before.calls()).isEqualTo(3);
    assertThat(after.promptTokens() - before.promptTokens()).isEqualTo(3200);
    assertThat(after.completionTokens() - before.completionTokens()).isEqualTo(95);
    assertThat(after.totalTokens() - before.totalTokens()).isEqualTo(3295);
    // (3200 × 0.15 + 95 × 0.60) / 1M
    assertThat(after.cost().subtract(before.cost())).isEqualByComparingTo("0.000537");
    assertThat(after.lines())
        .extracting(UsageLineDto::provider, UsageLineDto::model)
        .containsOnly(org.assertj.core.groups.Tuple.tuple(LlmProvider.OPENAI, "gpt-4o-mini"));
    assertThat(after.cost()).isGreaterThan(BigDecimal.ZERO);
  }

  /** The user's usage from yesterday to tomorrow (UTC), so that midnight changes nothing. */
  private UsageDto usageAroundToday(UserDto user) {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    return fixture.rest.usage(user.id(), today.minusDays(1), today.plusDays(1));
  }
}
