package org.smartassistant.cron.reminders;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How cron-service schedules and fires reminders ({@code smart.scheduler.*}, see
 * docs/scheduler.md).
 *
 * @param pullInterval how often all active reminders are pulled from rest-service and reconciled
 *     ({@code REMINDER_PULL_INTERVAL})
 * @param pullPageSize reminders asked for per page of the pull (the pull follows the cursor to the
 *     end, so this never caps it)
 * @param misfireLimit a reminder fired later than this after its time is not delivered but recorded
 *     {@code missed} and the user told once ({@code REMINDER_MISFIRE_LIMIT})
 * @param lateAfter a reminder fired later than this after its time is delivered marked late ({@code
 *     REMINDER_LATE_AFTER})
 * @param threadCount Quartz worker threads: reminders fired at once by one instance ({@code
 *     QUARTZ_THREAD_COUNT})
 * @param retryBackoff first wait before a firing that failed (rest-service or Redis unreachable) is
 *     tried again; doubles per attempt
 * @param retryBackoffMax the longest wait between two attempts of a firing
 * @param changeBlock how long one read of the change stream waits for new events
 */
@Validated
@ConfigurationProperties("smart.scheduler")
public record SchedulerProperties(
    @DefaultValue("1m") @NotNull Duration pullInterval,
    @DefaultValue("200") @Min(1) @Max(1000) int pullPageSize,
    @DefaultValue("24h") @NotNull Duration misfireLimit,
    @DefaultValue("1m") @NotNull Duration lateAfter,
    @DefaultValue("10") @Min(1) @Max(200) int threadCount,
    @DefaultValue("10s") @NotNull Duration retryBackoff,
    @DefaultValue("5m") @NotNull Duration retryBackoffMax,
    @DefaultValue("1s") @NotNull Duration changeBlock) {}
