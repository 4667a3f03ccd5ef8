package org.smartassistant.common.api;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * What a user's model calls of one assistant and model cost, to be added to the user's usage of the
 * day of {@code at} (UTC).
 *
 * @param calls model requests made
 * @param cost the price of the tokens, from the caller's price table (0 when the model has none)
 * @param at when the calls were made
 */
public record RecordUsageRequest(
    @NotNull UUID assistantId,
    @NotNull LlmProvider provider,
    @NotBlank @Size(max = 200) String model,
    @Min(1) int calls,
    @Min(0) long promptTokens,
    @Min(0) long completionTokens,
    @NotNull @DecimalMin("0") BigDecimal cost,
    @NotNull Instant at) {}
