package org.smartassistant.cron.calendarrules;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How calendar reminder rules are synced ({@code smart.calendar-rules.*}, docs/scheduler.md).
 *
 * @param syncInterval how often every rule is synced with its user's calendar ({@code
 *     CALENDAR_RULE_SYNC_INTERVAL}); events that move or are cancelled at Google are seen then
 * @param horizon how far ahead events get reminders ({@code CALENDAR_RULE_HORIZON})
 * @param pageSize rules asked for per page (the sync follows the cursor to the end)
 */
@Validated
@ConfigurationProperties("smart.calendar-rules")
public record CalendarRuleProperties(
    @DefaultValue("15m") @NotNull Duration syncInterval,
    @DefaultValue("2d") @NotNull Duration horizon,
    @DefaultValue("200") @Min(1) @Max(1000) int pageSize) {

  public CalendarRuleProperties {
    if (syncInterval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("smart.calendar-rules.sync-interval must be at least 1s");
    }
    if (horizon.isNegative() || horizon.isZero() || horizon.compareTo(Duration.ofDays(366)) > 0) {
      throw new IllegalArgumentException(
          "smart.calendar-rules.horizon must be between 1 second and 366 days");
    }
  }
}
