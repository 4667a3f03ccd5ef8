package org.smartassistant.testsupport.devinfra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * Embedded PostgreSQL and Redis whose data lives under one directory and survives restarts: the
 * local stand-in for the servers of docker-compose.yml. Redis keeps an append-only file, PostgreSQL
 * its normal data directory.
 */
final class DevInfrastructure implements AutoCloseable {

  private final Path dataDirectory;
  private EmbeddedPostgres postgres;
  private RedisServer redis;

  DevInfrastructure(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
  }

  Path postgresDirectory() {
    return dataDirectory.resolve("postgres");
  }

  Path redisDirectory() {
    return dataDirectory.resolve("redis");
  }

  /** Starts PostgreSQL on the port and makes sure the role and database exist. */
  synchronized void startPostgres(int port, String database, String user, String password)
      throws IOException {
    Files.createDirectories(postgresDirectory());
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(postgresDirectory())
            .setCleanDataDirectory(false)
            .setPort(port)
            .setRegisterShutdownHook(false)
            // the library turns this off for test speed; a developer's data should survive a crash
            .setServerConfig("synchronous_commit", "on")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
    PostgresDatabases.ensureRoleAndDatabase(
        postgres.getJdbcUrl("postgres", "postgres"), database, user, password);
  }

  /** Starts Redis on 127.0.0.1 with AOF persistence in {@link #redisDirectory()}. */
  synchronized void startRedis(int port) throws IOException {
    Path directory = redisDirectory().toAbsolutePath();
    Files.createDirectories(directory);
    redis =
        RedisServer.newRedisServer()
            .bind("127.0.0.1")
            .port(port)
            .setting("dir " + quoted(directory))
            .setting("pidfile " + quoted(directory.resolve("redis.pid")))
            .setting("appendonly yes")
            .setting("appendfsync everysec")
            // SIGTERM lets Redis flush the AOF; a forced kill could lose the last second
            .onShutdownForceStop(false)
            .build();
    redis.start();
  }

  private static String quoted(Path path) {
    return '"' + path.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** Stops Redis, then PostgreSQL; each failure is reported and does not keep the other up. */
  @Override
  public synchronized void close() {
    if (redis != null) {
      try {
        redis.stop();
      } catch (IOException | RuntimeException e) {
        System.err.println("could not stop embedded Redis cleanly: " + e);
      }
      redis = null;
    }
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException | RuntimeException e) {
        System.err.println("could not stop embedded PostgreSQL cleanly: " + e);
      }
      postgres = null;
    }
  }
}
