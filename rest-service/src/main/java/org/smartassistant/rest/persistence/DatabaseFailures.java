package org.smartassistant.rest.persistence;

import java.sql.SQLException;
import java.util.Map;
import org.smartassistant.common.web.FieldProblem;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What PostgreSQL's refusals and failures mean for the service, in its own terms: the schema's
 * constraint names and the SQL states are known here and nowhere else. The web layer asks {@link
 * #refusal} what a refused write was and answers accordingly.
 */
public final class DatabaseFailures {

  /** Which request field a unique or check constraint of the schema protects. */
  private static final Map<String, FieldProblem> CONSTRAINT_FIELDS =
      Map.of(
          "users_telegram_id_key", new FieldProblem("telegramId", "is already registered"),
          "assistants_name_key", new FieldProblem("name", "is already taken by another assistant"),
          "tools_name_key", new FieldProblem("name", "is already taken by another tool"),
          "reminder_runs_reminder_scheduled_key",
              new FieldProblem("scheduledFor", "has already been recorded for this reminder"),
          "user_secretaries_one_active_idx",
              new FieldProblem(
                  "assistantId", "was changed concurrently: the user already has an active one"));

  private DatabaseFailures() {}

  /** What kind of write the database refused. */
  public enum Kind {
    /** A value a check of the schema refused (too long, out of range): the caller's input. */
    INVALID_INPUT,
    /** A unique value taken already; {@link Refusal#problem} names the field. */
    DUPLICATE,
    /** A row referred to by others, or referring to one that is gone. */
    REFERENCE,
    /** Any other conflict with the stored data. */
    CONFLICT
  }

  /**
   * A refused write.
   *
   * @param kind what was refused
   * @param problem the field concerned, or null when it is not known
   * @param constraint the constraint that refused it, or null
   */
  public record Refusal(Kind kind, FieldProblem problem, String constraint) {}

  /** What a write the database refused stands for. */
  public static Refusal refusal(DataIntegrityViolationException e) {
    String constraint = constraintName(e);
    SQLException sql = find(e, SQLException.class);
    String sqlState = sql == null ? null : sql.getSQLState();
    if ("23514".equals(sqlState) || "22001".equals(sqlState) || "22P02".equals(sqlState)) {
      // check violation, value too long, invalid text representation
      return new Refusal(
          Kind.INVALID_INPUT,
          new FieldProblem(constraint == null ? "body" : constraint, "is not valid"),
          constraint);
    }
    FieldProblem field = constraint == null ? null : CONSTRAINT_FIELDS.get(constraint);
    if (field != null) {
      return new Refusal(Kind.DUPLICATE, field, constraint);
    }
    // 23503: foreign key violation
    return new Refusal("23503".equals(sqlState) ? Kind.REFERENCE : Kind.CONFLICT, null, constraint);
  }

  /**
   * True when a failure means the database cannot be reached or did not answer in time (no
   * connection or transaction could be had, a timeout, a broken connection): the request may
   * succeed later, and is answered 503.
   */
  public static boolean unavailable(Throwable e) {
    return e instanceof CannotCreateTransactionException
        || e instanceof DataAccessResourceFailureException
        || e instanceof TransientDataAccessResourceException
        || e instanceof QueryTimeoutException
        || e instanceof RecoverableDataAccessException
        || lostConnection(e);
  }

  /**
   * True when a failure comes from a broken or refused database connection (SQL state class 08, or
   * 57P: the server is shutting down or not accepting connections).
   */
  public static boolean lostConnection(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientConnectionException
          || t instanceof java.sql.SQLRecoverableException
          || t instanceof org.hibernate.exception.JDBCConnectionException
          // begin/commit/rollback failing on the connection: it broke under the transaction
          || t instanceof org.hibernate.TransactionException) {
        return true;
      }
      if (t instanceof SQLException sql
          && sql.getMessage() != null
          && sql.getMessage().contains("onnection is closed")) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      for (Throwable suppressed : t.getSuppressed()) {
        if (lostConnection(suppressed)) {
          return true;
        }
      }
    }
    return false;
  }

  private static String constraintName(Throwable e) {
    var hibernate = find(e, org.hibernate.exception.ConstraintViolationException.class);
    if (hibernate != null && hibernate.getConstraintName() != null) {
      return hibernate.getConstraintName();
    }
    // plain JDBC (JdbcTemplate): PostgreSQL names the constraint in the message
    SQLException sql = find(e, SQLException.class);
    if (sql != null && sql.getMessage() != null) {
      for (String name : CONSTRAINT_FIELDS.keySet()) {
        if (sql.getMessage().contains("\"" + name + "\"")) {
          return name;
        }
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
