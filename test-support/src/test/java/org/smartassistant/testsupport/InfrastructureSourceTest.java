package org.smartassistant.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InfrastructureSourceTest {

  @Test
  void environmentUrlWinsOverDocker() {
    assertThat(
            InfrastructureSource.choose(
                "TEST_POSTGRES_URL",
                Map.of("TEST_POSTGRES_URL", "jdbc:postgresql://h/db"),
                () -> true))
        .isEqualTo(InfrastructureSource.ENVIRONMENT);
  }

  @Test
  void testcontainersChosenOnlyWhenDockerIsReachable() {
    assertThat(InfrastructureSource.choose("TEST_POSTGRES_URL", Map.of(), () -> true))
        .isEqualTo(InfrastructureSource.TESTCONTAINERS);
    assertThat(InfrastructureSource.choose("TEST_POSTGRES_URL", Map.of(), () -> false))
        .isEqualTo(InfrastructureSource.EMBEDDED);
  }

  @Test
  void forcedEmbeddedSkipsTheEnvironment() {
    assertThat(
            InfrastructureSource.choose(
                "TEST_REDIS_URL",
                Map.of("TEST_REDIS_URL", "redis://x", "TEST_INFRASTRUCTURE", "embedded"),
                () -> true))
        .isEqualTo(InfrastructureSource.EMBEDDED);
  }

  @Test
  void embeddedPostgresAndRedisStartAndServe() throws Exception {
    TestPostgres postgres = TestPostgres.start(InfrastructureSource.EMBEDDED);
    String url = postgres.newDatabase();
    try (Connection c = DriverManager.getConnection(url, postgres.user(), postgres.password());
        ResultSet rs = c.createStatement().executeQuery("select current_database()")) {
      rs.next();
      assertThat(url).contains("/" + rs.getString(1) + "?");
    }
    TestRedis redis = TestRedis.start(InfrastructureSource.EMBEDDED);
    assertThat(redis.newDatabase()).startsWith("redis://127.0.0.1:" + redis.port() + "/");
  }
}
