package org.smartassistant.common.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/** A user's usage of one assistant's model on one day (UTC). */
public record UsageLineDto(
    LocalDate day,
    long userId,
    UUID assistantId,
    LlmProvider provider,
    String model,
    long calls,
    long promptTokens,
    long completionTokens,
    BigDecimal cost) {}
