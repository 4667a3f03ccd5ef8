package org.smartassistant.rest.reminders;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much one user may ask of the scheduler ({@code smart.reminders.*}, see docs/rest-api.md).
 *
 * @param minInterval the shortest time allowed between two runs of a recurring reminder ({@code
 *     REMINDER_MIN_INTERVAL})
 * @param maxActivePerUser how many active reminders one user may have at a time ({@code
 *     REMINDER_MAX_ACTIVE_PER_USER})
 */
@Validated
@ConfigurationProperties("smart.reminders")
record ReminderLimits(
    @DefaultValue("5m") @NotNull Duration minInterval,
    @DefaultValue("100") @Min(1) int maxActivePerUser) {}
