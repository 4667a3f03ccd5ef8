package org.smartassistant.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PriceTableTest {

  @Test
  void pricesTokensPerMillionForEachNamedModel() {
    var prices = PriceTable.parse(" gpt-4o-mini=0.15/0.60 , gpt-4o=2.50/10.00,");

    assertThat(prices).containsOnlyKeys("gpt-4o-mini", "gpt-4o");
    assertThat(cost("gpt-4o=2.50/10.00", "gpt-4o", 1_000_000, 100_000)).isEqualTo("3.5");
    assertThat(cost("gpt-4o-mini=0.15/0.60", "gpt-4o-mini", 3200, 95)).isEqualTo("0.000537");
    assertThat(cost("gpt-4o-mini=0.15/0.60", "llama3", 3200, 95)).isEqualTo("0");
    assertThat(cost("", "gpt-4o", 10, 10)).isEqualTo("0");
  }

  @Test
  void aMalformedTableNamesTheEntry() {
    for (String table : new String[] {"gpt-4o=2.50", "gpt-4o=a/b", "=1/2", "gpt-4o=-1/2", "x"}) {
      assertThatThrownBy(() -> PriceTable.parse(table))
          .as(table)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("LLM_PRICES")
          .hasMessageContaining(table);
    }
  }

  private static String cost(String table, String model, long prompt, long completion) {
    LlmProperties properties =
        new LlmProperties(
            java.time.Duration.ofSeconds(1),
            0,
            new LlmProperties.OpenAi(null, "http://127.0.0.1:9/v1"),
            new LlmProperties.Anthropic(null, "http://127.0.0.1:9", 1),
            new LlmProperties.Ollama("http://127.0.0.1:9"),
            new LlmProperties.Fallback(null, null),
            new LlmProperties.CircuitBreaker(5, java.time.Duration.ofSeconds(30)),
            table);
    return new PriceTable(properties).cost(model, prompt, completion).toPlainString();
  }
}
