package org.smartassistant.assistant.llm;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * What a model's tokens cost ({@code smart.llm.prices}): a price per 1M input (prompt) tokens and
 * one per 1M output (completion) tokens for each named model. A model the table does not name costs
 * nothing. A malformed table stops the service at start.
 */
@Component
public class PriceTable {

  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  /** Prices per 1M tokens. */
  record Price(BigDecimal input, BigDecimal output) {}

  private final Map<String, Price> prices;

  PriceTable(LlmProperties properties) {
    this.prices = parse(properties.prices());
  }

  /** What the tokens cost with the model's prices (0 for a model without any), 8 decimals. */
  public BigDecimal cost(String model, long promptTokens, long completionTokens) {
    Price price = model == null ? null : prices.get(model);
    if (price == null) {
      return BigDecimal.ZERO;
    }
    return price
        .input()
        .multiply(BigDecimal.valueOf(promptTokens))
        .add(price.output().multiply(BigDecimal.valueOf(completionTokens)))
        .divide(MILLION, 8, RoundingMode.HALF_UP)
        .stripTrailingZeros();
  }

  /** Whether the table names the model. */
  public boolean knows(String model) {
    return prices.containsKey(model);
  }

  /**
   * Reads {@code model=input/output,...}.
   *
   * @throws IllegalArgumentException naming the entry that is not of that form
   */
  static Map<String, Price> parse(String table) {
    Map<String, Price> prices = new HashMap<>();
    if (table == null || table.isBlank()) {
      return Map.of();
    }
    for (String entry : table.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      String[] modelAndPrices = entry.split("=", 2);
      String[] inputAndOutput =
          modelAndPrices.length == 2 ? modelAndPrices[1].split("/", 2) : new String[0];
      try {
        if (inputAndOutput.length != 2 || modelAndPrices[0].isBlank()) {
          throw new NumberFormatException();
        }
        Price price =
            new Price(
                new BigDecimal(inputAndOutput[0].strip()),
                new BigDecimal(inputAndOutput[1].strip()));
        if (price.input().signum() < 0 || price.output().signum() < 0) {
          throw new NumberFormatException();
        }
        prices.put(modelAndPrices[0].strip(), price);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "smart.llm.prices (LLM_PRICES): '"
                + entry.strip()
                + "' is not model=input/output with prices per 1M tokens, e.g."
                + " gpt-4o-mini=0.15/0.60");
      }
    }
    return Map.copyOf(prices);
  }
}
