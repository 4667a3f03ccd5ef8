package org.smartassistant.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What every service's health must do: readiness DOWN while its PostgreSQL or Redis is unreachable
 * and UP again once it is back, liveness UP throughout. A service's test extends this with
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)}; its dependencies are reached through
 * {@link TcpProxy proxies} the test cuts and restores.
 */
public abstract class ReadinessContract {

  private static final Duration PATIENCE = Duration.ofSeconds(45);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static TcpProxy postgresProxy;
  private static TcpProxy redisProxy;

  @LocalServerPort private int port;

  /** True for services whose readiness includes PostgreSQL. */
  protected abstract boolean dependsOnPostgres();

  @DynamicPropertySource
  static void dependenciesThroughProxies(DynamicPropertyRegistry registry) {
    TestPostgres postgres = TestPostgres.get();
    URI database = URI.create(postgres.newDatabase().substring("jdbc:".length()));
    postgresProxy = new TcpProxy(database.getHost(), database.getPort());
    String proxiedDatabase =
        "jdbc:postgresql://127.0.0.1:"
            + postgresProxy.port()
            + database.getRawPath()
            + (database.getRawQuery() == null ? "" : "?" + database.getRawQuery());
    registry.add("spring.datasource.url", () -> proxiedDatabase);
    registry.add("spring.datasource.username", postgres::user);
    registry.add("spring.datasource.password", postgres::password);

    TestRedis redis = TestRedis.get();
    URI redisDatabase = URI.create(redis.newDatabase());
    redisProxy = new TcpProxy(redis.host(), redis.port());
    registry.add(
        "spring.data.redis.url",
        () -> "redis://127.0.0.1:" + redisProxy.port() + redisDatabase.getPath());
    registry.add("smart.internal.token", () -> TestInfrastructureInitializer.INTERNAL_TOKEN);
  }

  @AfterAll
  static void closeProxies() {
    if (postgresProxy != null) {
      postgresProxy.close();
    }
    if (redisProxy != null) {
      redisProxy.close();
    }
  }

  @Test
  void readinessFollowsRedis() throws Exception {
    awaitReadiness(200);
    redisProxy.cut();
    try {
      awaitReadiness(503);
      assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    } finally {
      redisProxy.restore();
    }
    awaitReadiness(200);
  }

  @Test
  void readinessFollowsPostgres() throws Exception {
    assumeTrue(dependsOnPostgres(), "this service does not use PostgreSQL");
    awaitReadiness(200);
    postgresProxy.cut();
    try {
      awaitReadiness(503);
      assertThat(status("/actuator/health/liveness")).isEqualTo(200);
    } finally {
      postgresProxy.restore();
    }
    awaitReadiness(200);
  }

  @Test
  void exposesPrometheusMetricsToCallersWithTheInternalToken() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                .header("X-Internal-Token", TestInfrastructureInitializer.INTERNAL_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("jvm_memory_used_bytes");
    assertThat(status("/actuator/prometheus")).isEqualTo(401);
  }

  @Test
  void healthShowsItsStatusToAnyoneAndItsComponentsOnlyWithTheInternalToken() throws Exception {
    awaitReadiness(200);
    HttpResponse<String> anonymous = get("/actuator/health");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.body()).contains("\"status\":\"UP\"").doesNotContain("components");
    HttpResponse<String> internal =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .header("X-Internal-Token", TestInfrastructureInitializer.INTERNAL_TOKEN)
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(internal.statusCode()).isEqualTo(200);
    assertThat(internal.body()).contains("\"components\"", "\"redis\"");
  }

  private void awaitReadiness(int expectedStatus) {
    await("readiness " + expectedStatus)
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> readiness = get("/actuator/health/readiness");
              assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(expectedStatus);
            });
  }

  private int status(String path) throws IOException, InterruptedException {
    return get(path).statusCode();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
