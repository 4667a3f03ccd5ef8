package org.smartassistant.testsupport.devinfra;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;

/**
 * Creates the application's role and database when they are missing, so a first start needs no
 * manual SQL.
 */
final class PostgresDatabases {

  private static final Pattern JDBC_URL =
      Pattern.compile("^(jdbc:postgresql://[^/?]*)/([^/?]+)(\\?.*)?$");

  private PostgresDatabases() {}

  /**
   * Creates the database named in {@code jdbcUrl}, connecting to the server's {@code postgres}
   * database with the given credentials; returns whether it had to be created.
   */
  static boolean ensure(String jdbcUrl, String user, String password) throws SQLException {
    var matcher = JDBC_URL.matcher(jdbcUrl);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "not a jdbc:postgresql://host[:port]/database URL: " + jdbcUrl);
    }
    String params = matcher.group(3) == null ? "" : matcher.group(3);
    String maintenanceUrl = matcher.group(1) + "/postgres" + params;
    try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password)) {
      return createDatabaseIfMissing(connection, matcher.group(2), null);
    }
  }

  /**
   * As the superuser at {@code superuserUrl}: creates {@code user} (with the password, when one is
   * given) and {@code database} owned by it, when missing.
   */
  static void ensureRoleAndDatabase(
      String superuserUrl, String database, String user, String password) throws IOException {
    try (Connection connection = DriverManager.getConnection(superuserUrl, "postgres", "")) {
      if (!exists(connection, "select 1 from pg_roles where rolname = ?", user)) {
        try (Statement statement = connection.createStatement()) {
          statement.execute(
              "create role "
                  + identifier(user)
                  + " login"
                  + (password == null || password.isEmpty()
                      ? ""
                      : " password " + literal(password)));
        }
      }
      createDatabaseIfMissing(connection, database, user);
    } catch (SQLException e) {
      throw new IOException("could not prepare database " + database + ": " + e.getMessage(), e);
    }
  }

  private static boolean createDatabaseIfMissing(
      Connection connection, String database, String owner) throws SQLException {
    if (exists(connection, "select 1 from pg_database where datname = ?", database)) {
      return false;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "create database "
              + identifier(database)
              + (owner == null ? "" : " owner " + identifier(owner)));
    }
    return true;
  }

  private static boolean exists(Connection connection, String sql, String value)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, value);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }
}
