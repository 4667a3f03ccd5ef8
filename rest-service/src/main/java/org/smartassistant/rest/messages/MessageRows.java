package org.smartassistant.rest.messages;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.rest.persistence.EnumColumns.MessageRoleColumn;

/**
 * A row of {@code messages} read in plain SQL (its columns {@code id}, {@code assistant_id}, {@code
 * role}, {@code content}, {@code created_at}) as the API answers it: the one mapping of the queries
 * that bypass the entity ({@link MessageWriter}, the turn's read in {@code turns}).
 */
public final class MessageRows {

  private static final MessageRoleColumn ROLES = new MessageRoleColumn();

  private MessageRows() {}

  /** The message in the row's current position, of the user the query was for. */
  public static MessageDto message(ResultSet row, long userId) throws SQLException {
    return new MessageDto(
        row.getLong("id"),
        userId,
        row.getObject("assistant_id", UUID.class),
        ROLES.convertToEntityAttribute(row.getString("role")),
        row.getString("content"),
        row.getTimestamp("created_at").toInstant());
  }
}
