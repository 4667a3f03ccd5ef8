package org.smartassistant.rest.turns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.SecretarySource;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.rest.memories.MemoryQueries;
import org.smartassistant.rest.messages.MessageRows;
import org.smartassistant.rest.persistence.EnumColumns.LlmProviderColumn;
import org.smartassistant.rest.persistence.EnumColumns.UserStatusColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads what a turn needs in plain SQL, in the caller's transaction: the read of every first turn
 * of a user, and so of every message of a crowd writing at once. Through the entities it took six
 * or seven queries (the user, the assignment, the settings, the assistant, the window, the summary,
 * the facts), and that request was about half of rest-service's CPU in a burst of users, most of it
 * Hibernate's work around the queries; here it is three statements, the same answers as the
 * services that own the rows (their tests and {@code TurnContextResourceTest} compare them).
 */
@Repository
class TurnContextReader {

  private static final UserStatusColumn USER_STATUS = new UserStatusColumn();
  private static final LlmProviderColumn PROVIDER = new LlmProviderColumn();

  private final JdbcClient jdbc;

  TurnContextReader(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The user, their secretary (null when none is usable) and the settings' history window. */
  record UserAndSecretary(UserDto user, UserSecretaryDto secretary, int historyWindow) {}

  /**
   * The user and the secretary {@code GET /api/users/{id}/secretary} answers: the assigned one when
   * it is an active secretary, else the settings' default when it is one.
   *
   * @return empty when the user is unknown
   */
  Optional<UserAndSecretary> user(long userId) {
    return jdbc.sql(
            """
            SELECT u.id, u.telegram_id, u.username, u.first_name, u.preferred_name, u.timezone,
                   u.language, u.status, u.created_at, u.updated_at, s.history_window,
                   us.assistant_id AS assigned_id, us.assigned_at,
                   a.id AS a_id, a.name AS a_name, a.description AS a_description,
                   a.is_secretary AS a_is_secretary, a.provider AS a_provider, a.model AS a_model,
                   a.instructions AS a_instructions, a.startup_message AS a_startup_message,
                   a.temperature AS a_temperature, a.is_active AS a_is_active,
                   a.created_at AS a_created_at, a.updated_at AS a_updated_at,
                   a.accepts_images AS a_accepts_images
            FROM users u
            JOIN settings s ON s.id = 1
            LEFT JOIN user_secretaries us ON us.user_id = u.id AND us.active
            LEFT JOIN LATERAL (
                SELECT * FROM assistants x
                WHERE x.is_secretary AND x.is_active
                  AND (x.id = us.assistant_id OR x.id = s.default_secretary_id)
                ORDER BY (x.id = us.assistant_id) IS TRUE DESC
                LIMIT 1) a ON true
            WHERE u.id = :user
            """)
        .param("user", userId)
        .query((row, i) -> userAndSecretary(row))
        .optional();
  }

  private static UserAndSecretary userAndSecretary(ResultSet row) throws SQLException {
    UserDto user =
        new UserDto(
            row.getLong("id"),
            row.getLong("telegram_id"),
            row.getString("username"),
            row.getString("first_name"),
            row.getString("preferred_name"),
            row.getString("timezone"),
            row.getString("language"),
            USER_STATUS.convertToEntityAttribute(row.getString("status")),
            instant(row, "created_at"),
            instant(row, "updated_at"));
    UserSecretaryDto secretary = null;
    UUID assistantId = row.getObject("a_id", UUID.class);
    if (assistantId != null) {
      boolean assigned = assistantId.equals(row.getObject("assigned_id", UUID.class));
      secretary =
          new UserSecretaryDto(
              user.id(),
              new AssistantDto(
                  assistantId,
                  row.getString("a_name"),
                  row.getString("a_description"),
                  row.getBoolean("a_is_secretary"),
                  PROVIDER.convertToEntityAttribute(row.getString("a_provider")),
                  row.getString("a_model"),
                  row.getString("a_instructions"),
                  row.getString("a_startup_message"),
                  row.getObject("a_temperature", Double.class),
                  row.getBoolean("a_is_active"),
                  instant(row, "a_created_at"),
                  instant(row, "a_updated_at"),
                  row.getBoolean("a_accepts_images")),
              assigned ? SecretarySource.ASSIGNED : SecretarySource.DEFAULT,
              assigned ? instant(row, "assigned_at") : null);
    }
    return new UserAndSecretary(user, secretary, row.getInt("history_window"));
  }

  /**
   * The user's last {@code limit} messages, oldest first, and the newest summary (the latest {@code
   * system} message), as {@code GET /api/users/{id}/messages/window} answers: one statement.
   */
  ConversationWindowDto window(long userId, int limit) {
    List<MessageDto> newestFirst = new ArrayList<>(limit);
    String[] summary = new String[1];
    jdbc.sql(
            """
            (SELECT id, assistant_id, role, content, created_at, false AS summary
             FROM messages WHERE user_id = :user ORDER BY id DESC LIMIT :limit)
            UNION ALL
            (SELECT id, assistant_id, role, content, created_at, true
             FROM messages WHERE user_id = :user AND role = 'system' ORDER BY id DESC LIMIT 1)
            """)
        .param("user", userId)
        .param("limit", limit)
        .query(
            row -> {
              if (row.getBoolean("summary")) {
                summary[0] = row.getString("content");
              } else {
                newestFirst.add(MessageRows.message(row, userId));
              }
            });
    Collections.reverse(newestFirst);
    return new ConversationWindowDto(summary[0], newestFirst);
  }

  /**
   * At most {@code limit} of the user's facts as {@code GET
   * /api/users/{id}/memories?q=&fill=newest} answers: those sharing a word with {@code query}
   * first, then the newest; without a query the newest.
   */
  List<MemoryDto> facts(long userId, String query, int limit) {
    boolean search = query != null && !query.isBlank();
    JdbcClient.StatementSpec statement =
        jdbc.sql(search ? MemoryQueries.SEARCH_FILLED : MemoryQueries.NEWEST)
            .param("userId", userId)
            .param("limit", limit);
    if (search) {
      statement = statement.param("q", query);
    }
    return statement
        .query(
            (row, i) ->
                new MemoryDto(
                    row.getLong("id"),
                    row.getLong("user_id"),
                    row.getString("content"),
                    instant(row, "created_at")))
        .list();
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp at = row.getTimestamp(column);
    return at == null ? null : at.toInstant();
  }
}
