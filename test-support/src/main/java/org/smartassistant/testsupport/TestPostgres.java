package org.smartassistant.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One PostgreSQL server per test JVM, found by {@link InfrastructureSource}; every caller of {@link
 * #newDatabase()} gets a database of its own.
 */
public final class TestPostgres {

  private static TestPostgres instance;

  private final InfrastructureSource source;
  private final String serverUrl;
  private final String user;
  private final String password;
  private final java.util.List<String> created = new java.util.concurrent.CopyOnWriteArrayList<>();

  private TestPostgres(
      InfrastructureSource source, String serverUrl, String user, String password) {
    this.source = source;
    this.serverUrl = serverUrl;
    this.user = user;
    this.password = password;
  }

  /** The server for this JVM, started on first use. */
  public static synchronized TestPostgres get() {
    if (instance == null) {
      instance =
          start(
              InfrastructureSource.choose(
                  InfrastructureSource.POSTGRES_URL_VARIABLE,
                  System.getenv(),
                  TestPostgres::dockerAvailable));
    }
    return instance;
  }

  static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  static TestPostgres start(InfrastructureSource source) {
    return switch (source) {
      case ENVIRONMENT -> fromEnvironment();
      case TESTCONTAINERS -> fromContainer();
      case EMBEDDED -> embedded();
    };
  }

  private static TestPostgres fromEnvironment() {
    String url = System.getenv(InfrastructureSource.POSTGRES_URL_VARIABLE);
    String user = envOr("TEST_POSTGRES_USER", "postgres");
    String password = envOr("TEST_POSTGRES_PASSWORD", "");
    return new TestPostgres(InfrastructureSource.ENVIRONMENT, url, user, password);
  }

  @SuppressWarnings("resource")
  private static TestPostgres fromContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
    container.start();
    Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
    return new TestPostgres(
        InfrastructureSource.TESTCONTAINERS,
        container.getJdbcUrl(),
        container.getUsername(),
        container.getPassword());
  }

  private static TestPostgres embedded() {
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      postgres.close();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    }
                  }));
      return new TestPostgres(
          InfrastructureSource.EMBEDDED,
          postgres.getJdbcUrl("postgres", "postgres"),
          "postgres",
          "");
    } catch (Exception e) {
      throw new IllegalStateException("could not start an embedded PostgreSQL for the tests", e);
    }
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  public InfrastructureSource source() {
    return source;
  }

  public String serverUrl() {
    return serverUrl;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  /** Creates a new, empty database and returns its JDBC URL. */
  public String newDatabase() {
    String name =
        "t_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 16)
                .toLowerCase(Locale.ROOT);
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
      if (created.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(this::dropCreatedDatabases));
      }
      created.add(name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database on " + serverUrl, e);
    }
    return withDatabase(serverUrl, name);
  }

  /** Drops this JVM's databases so that a shared server does not fill up across runs. */
  private void dropCreatedDatabases() {
    try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
        Statement statement = connection.createStatement()) {
      for (String name : created) {
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } catch (SQLException ignored) {
      // the server may already be gone (embedded one stopped first): nothing left to clean
    }
  }

  static String withDatabase(String jdbcUrl, String database) {
    int query = jdbcUrl.indexOf('?');
    String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    String params = query < 0 ? "" : jdbcUrl.substring(query);
    int slash = base.lastIndexOf('/');
    return base.substring(0, slash + 1) + database + params;
  }
}
