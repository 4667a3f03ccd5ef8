package org.smartassistant.testsupport;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import org.testcontainers.containers.GenericContainer;
import redis.embedded.RedisServer;

/**
 * One Redis server per test JVM, found by {@link InfrastructureSource}; every caller of {@link
 * #newDatabase()} gets a logical database of its own, emptied first.
 */
public final class TestRedis {

  private static final int DATABASES = 16;
  private static TestRedis instance;

  private final InfrastructureSource source;
  private final String host;
  private final int port;

  private TestRedis(InfrastructureSource source, String host, int port) {
    this.source = source;
    this.host = host;
    this.port = port;
  }

  public static synchronized TestRedis get() {
    if (instance == null) {
      instance =
          start(
              InfrastructureSource.choose(
                  InfrastructureSource.REDIS_URL_VARIABLE,
                  System.getenv(),
                  TestPostgres::dockerAvailable));
    }
    return instance;
  }

  static TestRedis start(InfrastructureSource source) {
    return switch (source) {
      case ENVIRONMENT -> {
        RedisURI uri = RedisURI.create(System.getenv(InfrastructureSource.REDIS_URL_VARIABLE));
        yield new TestRedis(source, uri.getHost(), uri.getPort());
      }
      case TESTCONTAINERS -> fromContainer();
      case EMBEDDED -> embedded();
    };
  }

  @SuppressWarnings("resource")
  private static TestRedis fromContainer() {
    GenericContainer<?> container = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    return new TestRedis(
        InfrastructureSource.TESTCONTAINERS, container.getHost(), container.getMappedPort(6379));
  }

  private static TestRedis embedded() {
    try {
      int port = freePort();
      RedisServer server =
          RedisServer.newRedisServer()
              .bind("127.0.0.1")
              .port(port)
              .setting("save \"\"")
              .setting("appendonly no")
              .build();
      server.start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.stop();
                    } catch (IOException ignored) {
                      // the JVM is going away
                    }
                  }));
      return new TestRedis(InfrastructureSource.EMBEDDED, "127.0.0.1", port);
    } catch (IOException e) {
      throw new IllegalStateException("could not start an embedded Redis for the tests", e);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public InfrastructureSource source() {
    return source;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** {@code redis://host:port} of the server (database 0). */
  public String serverUrl() {
    return "redis://" + host + ":" + port;
  }

  /**
   * Takes the next logical database (1..15, round robin across JVMs through a counter in database
   * 0), empties it and returns its URL.
   */
  public String newDatabase() {
    RedisClient client = RedisClient.create(RedisURI.create(host, port));
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      long next = connection.sync().incr("smart-test:next-database");
      int database = 1 + (int) (next % (DATABASES - 1));
      connection.sync().select(database);
      connection.sync().flushdb();
      return serverUrl() + "/" + database;
    } finally {
      client.shutdown();
    }
  }
}
