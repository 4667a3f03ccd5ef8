package org.smartassistant.rest.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.UsageLineDto;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The usage lines ({@code usage_daily}): one per user, day, assistant and model, added to in one
 * statement, so concurrent turns of a user never lose each other's tokens.
 */
@Repository
class UsageRepository {

  private final JdbcClient jdbc;

  UsageRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(long userId, LocalDate day, RecordUsageRequest usage, Instant now) {
    jdbc.sql(
            """
            INSERT INTO usage_daily (user_id, day, assistant_id, provider, model, calls,
                                     prompt_tokens, completion_tokens, cost, updated_at)
            VALUES (:user, :day, :assistant, :provider, :model, :calls, :prompt, :completion,
                    :cost, :now)
            ON CONFLICT (user_id, day, assistant_id, provider, model) DO UPDATE SET
                calls = usage_daily.calls + EXCLUDED.calls,
                prompt_tokens = usage_daily.prompt_tokens + EXCLUDED.prompt_tokens,
                completion_tokens = usage_daily.completion_tokens + EXCLUDED.completion_tokens,
                cost = usage_daily.cost + EXCLUDED.cost,
                updated_at = EXCLUDED.updated_at
            """)
        .param("user", userId)
        .param("day", day)
        .param("assistant", usage.assistantId())
        .param("provider", wireName(usage.provider()))
        .param("model", usage.model())
        .param("calls", usage.calls())
        .param("prompt", usage.promptTokens())
        .param("completion", usage.completionTokens())
        .param("cost", usage.cost())
        .param("now", java.sql.Timestamp.from(now))
        .update();
  }

  /** The lines of the days, of one user or (null) of all, by day, user, assistant and model. */
  List<UsageLineDto> lines(Long userId, LocalDate from, LocalDate to) {
    return jdbc.sql(
            """
            SELECT day, user_id, assistant_id, provider, model, calls, prompt_tokens,
                   completion_tokens, cost
            FROM usage_daily
            WHERE day BETWEEN :from AND :to AND (CAST(:user AS BIGINT) IS NULL OR user_id = :user)
            ORDER BY day, user_id, assistant_id, provider, model
            """)
        .param("from", from)
        .param("to", to)
        .param("user", userId, java.sql.Types.BIGINT)
        .query(
            (row, i) ->
                new UsageLineDto(
                    row.getObject("day", LocalDate.class),
                    row.getLong("user_id"),
                    row.getObject("assistant_id", java.util.UUID.class),
                    LlmProvider.valueOf(row.getString("provider").toUpperCase(Locale.ROOT)),
                    row.getString("model"),
                    row.getLong("calls"),
                    row.getLong("prompt_tokens"),
                    row.getLong("completion_tokens"),
                    row.getBigDecimal("cost").stripTrailingZeros()))
        .list();
  }

  private static String wireName(LlmProvider provider) {
    return provider.name().toLowerCase(Locale.ROOT);
  }
}
