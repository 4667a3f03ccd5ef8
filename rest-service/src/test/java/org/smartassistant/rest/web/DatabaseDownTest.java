package org.smartassistant.rest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.smartassistant.rest.Api;
import org.smartassistant.rest.RestServiceTest;
import org.smartassistant.testsupport.TestPostgres;

/**
 * With its database unreachable the service answers 503 (callers retry), and it recovers by itself
 * when the database is back.
 */
class DatabaseDownTest extends RestServiceTest {

  @Test
  void answers503WhileTheDatabaseRefusesConnectionsAndRecoversAfterwards() throws Exception {
    long user = newUser();
    String database = jdbc.queryForObject("SELECT current_database()", String.class);
    try {
      refuseConnections(database);

      Api.Response read = api().get("/api/users/" + user);
      Api.Response write = api().post("/api/users", Api.json("telegramId", nextTelegramId()));

      assertThat(read.status()).as(read.toString()).isEqualTo(503);
      assertThat(read.isProblem()).isTrue();
      assertThat(read.retryAfter()).isNotNull();
      assertThat(write.status()).as(write.toString()).isEqualTo(503);
    } finally {
      allowConnections(database);
    }
    // the pool replaces the connections the database ended: recovery takes a moment, not a restart
    await()
        .atMost(Duration.ofSeconds(15))
        .untilAsserted(() -> assertThat(api().get("/api/users/" + user).status()).isEqualTo(200));
  }

  private static void refuseConnections(String database) throws SQLException {
    admin(
        "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
            + database
            + "' AND pid <> pg_backend_pid()");
  }

  private static void allowConnections(String database) throws SQLException {
    admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
  }

  private static void admin(String... statements) throws SQLException {
    TestPostgres postgres = TestPostgres.get();
    try (Connection connection =
            DriverManager.getConnection(
                postgres.serverUrl(), postgres.user(), postgres.password());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
