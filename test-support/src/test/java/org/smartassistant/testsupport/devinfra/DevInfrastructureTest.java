package org.smartassistant.testsupport.devinfra;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartassistant.testsupport.TestPostgres;

class DevInfrastructureTest {

  @TempDir Path data;

  @Test
  void dataWrittenBeforeAStopIsThereAfterTheNextStart() throws Exception {
    int postgresPort = freePort();
    int redisPort = freePort();
    String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/smart_assistant";

    try (DevInfrastructure first = new DevInfrastructure(data)) {
      first.startPostgres(postgresPort, "smart_assistant", "smart", "secret");
      first.startRedis(redisPort);
      try (Connection c = DriverManager.getConnection(url, "smart", "secret");
          Statement s = c.createStatement()) {
        s.execute("create table notes (text varchar(50))");
        s.execute("insert into notes values ('kept')");
      }
      redis(redisPort, connection -> connection.sync().set("note", "kept"));
    }

    try (DevInfrastructure second = new DevInfrastructure(data)) {
      second.startPostgres(postgresPort, "smart_assistant", "smart", "secret");
      second.startRedis(redisPort);
      try (Connection c = DriverManager.getConnection(url, "smart", "secret");
          ResultSet rows = c.createStatement().executeQuery("select text from notes")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo("kept");
      }
      String[] value = new String[1];
      redis(redisPort, connection -> value[0] = connection.sync().get("note"));
      assertThat(value[0]).isEqualTo("kept");
    }
  }

  @Test
  void ensureCreatesAMissingDatabaseOnceOnAnyServer() throws Exception {
    TestPostgres server = TestPostgres.get();
    String name = "devinfra_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String url = withDatabase(server.serverUrl(), name);

    assertThat(PostgresDatabases.ensure(url, server.user(), server.password())).isTrue();
    assertThat(PostgresDatabases.ensure(url, server.user(), server.password())).isFalse();
    try (Connection c = DriverManager.getConnection(url, server.user(), server.password());
        ResultSet rows = c.createStatement().executeQuery("select current_database()")) {
      rows.next();
      assertThat(rows.getString(1)).isEqualTo(name);
    }
  }

  private static String withDatabase(String serverUrl, String database) {
    int query = serverUrl.indexOf('?');
    String base = query < 0 ? serverUrl : serverUrl.substring(0, query);
    String params = query < 0 ? "" : serverUrl.substring(query);
    return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
  }

  private interface RedisWork {
    void run(StatefulRedisConnection<String, String> connection);
  }

  private static void redis(int port, RedisWork work) {
    RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", port));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      work.run(connection);
    } finally {
      client.shutdown();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
