package org.smartassistant.common.api;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Usage of the models over the days {@code from} to {@code to} (UTC, both included): the sums, and
 * one line per day, user, assistant and model.
 *
 * @param userId whose usage, or null for every user's
 */
public record UsageDto(
    Long userId,
    LocalDate from,
    LocalDate to,
    long calls,
    long promptTokens,
    long completionTokens,
    long totalTokens,
    BigDecimal cost,
    List<UsageLineDto> lines) {}
