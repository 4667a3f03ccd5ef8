package org.smartassistant.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.client.RestClient;

/**
 * The one Spring context of rest-service's integration tests: the whole service on a random port
 * with its own PostgreSQL database and Redis database. Every integration test extends it, so the
 * context is started once per test run.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // the entities checked against the schema the migrations built (the service itself
      // starts without this check, see application.yml)
      "spring.jpa.hibernate.ddl-auto=validate",
      "smart.internal.token=" + RestServiceTest.TOKEN,
      "smart.credentials.encryption-key=" + RestServiceTest.ENCRYPTION_KEY,
      "smart.changes.relay-interval=1s",
      "smart.admin.password-hash=" + RestServiceTest.ADMIN_PASSWORD_HASH,
      "smart.admin.lock-duration=2s",
      "logging.structured.format.console="
    })
@UseTestInfrastructure
@Import(StatementLog.class)
public abstract class RestServiceTest {

  public static final String TOKEN = "test-internal-token-0123456789abcdef";

  /** The admin UI's password and its hash ({@code ./manage.sh admin-password}). */
  public static final String ADMIN_PASSWORD = "test-admin-password";

  public static final String ADMIN_PASSWORD_HASH =
      "{bcrypt}$2a$10$uc.yVc08wNtFBCTjLFO12.KubDzXpyVD.assVGwrbLkmjpu3HfrYu";

  /** 32 bytes, base64; only ever used by tests. */
  public static final String ENCRYPTION_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private static final AtomicLong TELEGRAM_IDS =
      new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000) * 1000);

  @LocalServerPort protected int port;
  @Autowired protected JdbcTemplate jdbc;
  @Autowired protected StringRedisTemplate redis;
  @Autowired protected RestClient.Builder restClientBuilder;

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Raw HTTP with the right internal token. */
  protected Api api() {
    return new Api(baseUrl(), TOKEN);
  }

  /** The typed client every other service uses, built the way they build it. */
  protected RestServiceClient client() {
    return ServiceClients.create(
        RestServiceClient.class,
        restClientBuilder,
        new ServiceClientProperties(baseUrl(), null, null, 0, null),
        TOKEN);
  }

  protected static long nextTelegramId() {
    return TELEGRAM_IDS.incrementAndGet();
  }

  /** A new user; returns its id. */
  protected long newUser() {
    Api.Response created = api().post("/api/users", Api.json("telegramId", nextTelegramId()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.json().get("id").asLong();
  }

  /** A new assistant with a unique name; returns its id. */
  protected UUID newAssistant(boolean secretary) {
    Api.Response created =
        api()
            .post(
                "/api/assistants",
                Api.json(
                    "name",
                    "assistant-" + UUID.randomUUID(),
                    "isSecretary",
                    secretary,
                    "instructions",
                    "Be helpful."));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return UUID.fromString(created.text("id"));
  }

  /** A new tool of type {@code time} with a unique name; returns its id. */
  protected UUID newTool() {
    Api.Response created =
        api()
            .post(
                "/api/tools",
                Api.json(
                    "name",
                    "tool_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20),
                    "type",
                    "time"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return UUID.fromString(created.text("id"));
  }

  /** A recurring reminder of the user (Europe/Berlin, "stretch"), as a client creates it. */
  protected Api.Response createRecurring(long user, String cron) {
    return api()
        .post(
            "/api/reminders",
            Api.json(
                "userId",
                user,
                "type",
                "recurring",
                "cronExpression",
                cron,
                "timezone",
                "Europe/Berlin",
                "text",
                "stretch"));
  }

  /** A one-time reminder of the user, an hour from now ("call mum"), as a client creates it. */
  protected Api.Response createOneTime(long user) {
    return api()
        .post(
            "/api/reminders",
            Api.json(
                "userId",
                user,
                "type",
                "one_time",
                "triggerAt",
                Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString(),
                "text",
                "call mum"));
  }
}
