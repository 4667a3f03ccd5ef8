package org.smartassistant.rest.messages;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.rest.persistence.EnumColumns.MessageRoleColumn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Appends messages in plain SQL, in the caller's transaction: what a turn said is one request of
 * the hot path of every message, and one statement stores all of it (where Hibernate ran a lookup,
 * an insert and a flush per message). Reads go through {@link MessageRepository}.
 */
@Repository
class MessageWriter {

  private static final MessageRoleColumn ROLES = new MessageRoleColumn();

  private final JdbcClient jdbc;

  MessageWriter(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A message to append, with its idempotency key and the digest of its request (or nulls). */
  record NewMessage(
      UUID assistantId,
      MessageRole role,
      String content,
      Instant createdAt,
      String idempotencyKey,
      String requestDigest) {}

  /** A message stored before under an idempotency key, and the digest of its request. */
  record Earlier(MessageDto message, String requestDigest) {}

  /**
   * Whether the user exists, and which of the assistants do, in one query.
   *
   * @return the assistants among {@code assistantIds} that exist, or null when the user does not
   */
  Set<UUID> knownAssistants(long userId, Collection<UUID> assistantIds) {
    if (assistantIds.isEmpty()) {
      boolean known =
          jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE id = :user)")
              .param("user", userId)
              .query(Boolean.class)
              .single();
      return known ? Set.of() : null;
    }
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM users WHERE id = :user) AS user_known,
                   ARRAY(SELECT id FROM assistants WHERE id IN (:assistants)) AS known
            """)
        .param("user", userId)
        .param("assistants", assistantIds)
        .query((row, i) -> row.getBoolean("user_known") ? uuids(row.getArray("known")) : null)
        .single();
  }

  private static Set<UUID> uuids(Array array) throws SQLException {
    try {
      return new HashSet<>(Arrays.asList((UUID[]) array.getArray()));
    } finally {
      array.free();
    }
  }

  /**
   * Inserts the messages in one statement; one whose idempotency key this user used before is left
   * out (not an error).
   *
   * @return the stored messages by their position in {@code messages}; a position left out is one
   *     whose key was taken
   */
  Map<Integer, MessageDto> insert(long userId, List<NewMessage> messages) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO messages (user_id, assistant_id, role, content, created_at,"
                + " idempotency_key, request_digest) VALUES ");
    Map<String, Object> params = new HashMap<>();
    params.put("user", userId);
    for (int i = 0; i < messages.size(); i++) {
      NewMessage message = messages.get(i);
      sql.append(i == 0 ? "" : ", ")
          .append("(:user, :assistant")
          .append(i)
          .append(", :role")
          .append(i)
          .append(", :content")
          .append(i)
          .append(", :at")
          .append(i)
          .append(", :key")
          .append(i)
          .append(", :digest")
          .append(i)
          .append(')');
      params.put("assistant" + i, message.assistantId());
      params.put("role" + i, ROLES.convertToDatabaseColumn(message.role()));
      params.put("content" + i, message.content());
      params.put("at" + i, Timestamp.from(message.createdAt()));
      params.put("key" + i, message.idempotencyKey());
      params.put("digest" + i, message.requestDigest());
    }
    sql.append(" ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING id, idempotency_key");
    List<Inserted> inserted =
        jdbc.sql(sql.toString())
            .params(params)
            .query((row, i) -> new Inserted(row.getLong("id"), row.getString("idempotency_key")))
            .list();
    Map<String, Integer> positionOfKey = new HashMap<>();
    List<Integer> unkeyed = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      String key = messages.get(i).idempotencyKey();
      if (key == null) {
        unkeyed.add(i);
      } else {
        positionOfKey.put(key, i);
      }
    }
    // a message without a key is never left out; the identity column numbers the rows of one
    // statement in the order of its VALUES, so those are matched by ascending id
    List<Long> unkeyedIds =
        inserted.stream().filter(row -> row.key() == null).map(Inserted::id).sorted().toList();
    Map<Integer, MessageDto> stored = new HashMap<>();
    for (int i = 0; i < unkeyedIds.size(); i++) {
      stored.put(unkeyed.get(i), dto(unkeyedIds.get(i), userId, messages.get(unkeyed.get(i))));
    }
    for (Inserted row : inserted) {
      if (row.key() != null) {
        int position = positionOfKey.get(row.key());
        stored.put(position, dto(row.id(), userId, messages.get(position)));
      }
    }
    return stored;
  }

  private record Inserted(long id, String key) {}

  private static MessageDto dto(long id, long userId, NewMessage message) {
    return new MessageDto(
        id, userId, message.assistantId(), message.role(), message.content(), message.createdAt());
  }

  /** The messages the user stored under these idempotency keys, by key. */
  Map<String, Earlier> earlier(long userId, Collection<String> keys) {
    Map<String, Earlier> found = new HashMap<>();
    jdbc.sql(
            """
            SELECT id, assistant_id, role, content, created_at, idempotency_key, request_digest
            FROM messages WHERE user_id = :user AND idempotency_key IN (:keys)
            """)
        .param("user", userId)
        .param("keys", keys)
        .query(
            (row, i) ->
                found.put(
                    row.getString("idempotency_key"),
                    new Earlier(MessageRows.message(row, userId), row.getString("request_digest"))))
        .list();
    return found;
  }
}
