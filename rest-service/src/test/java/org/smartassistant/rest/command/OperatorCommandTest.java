package org.smartassistant.rest.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartassistant.rest.RestServiceApplication;
import org.smartassistant.rest.RestServiceTest;
import org.smartassistant.testsupport.TestPostgres;
import org.smartassistant.testsupport.TestRedis;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The one-shot commands as {@code java -jar rest-service.jar --smart.command=...} runs them: on a
 * fresh database, {@code upgrade} applies a newly added migration and {@code seed} seeds.
 */
class OperatorCommandTest {

  @TempDir Path migrations;

  @Test
  void upgradeAppliesANewMigrationAndSeedSeedsAFreshDatabase() throws IOException {
    TestPostgres postgres = TestPostgres.get();
    String database = postgres.newDatabase();
    Files.writeString(
        migrations.resolve("V900__add_a_note_table.sql"),
        "CREATE TABLE operator_note (id BIGINT PRIMARY KEY, text TEXT);");
    String[] upgrade =
        args(
            database,
            "--smart.command=upgrade",
            "--spring.flyway.locations=classpath:db/migration,filesystem:" + migrations);

    int upgraded = run(upgrade);

    JdbcTemplate jdbc =
        new JdbcTemplate(
            new DriverManagerDataSource(database, postgres.user(), postgres.password()));
    assertThat(upgraded).isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM flyway_schema_history WHERE version = '900' AND success",
                Long.class))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM operator_note", Long.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT count(*) FROM assistants", Long.class))
        .as("upgrade does not seed")
        .isZero();

    int seeded =
        run(
            args(
                database,
                "--smart.command=seed",
                "--spring.flyway.locations=classpath:db/migration,filesystem:" + migrations));

    assertThat(seeded).isZero();
    assertThat(
            jdbc.queryForObject(
                "SELECT count(*) FROM assistants a JOIN settings s ON s.default_secretary_id = a.id",
                Long.class))
        .isEqualTo(1);
    assertThat(jdbc.queryForObject("SELECT count(*) FROM assistant_tools", Long.class))
        .isEqualTo(12);
  }

  @Test
  void anUnknownCommandIsNamed() {
    assertThatThrownBy(() -> OperatorCommand.parse("migrate"))
        .hasMessageContaining("unknown --smart.command=migrate")
        .hasMessageContaining("upgrade")
        .hasMessageContaining("seed");
    assertThat(OperatorCommand.requested(new String[] {"--smart.command=seed"})).contains("seed");
    assertThat(OperatorCommand.requested(new String[] {"--server.port=1"})).isEmpty();
  }

  private static String[] args(String database, String... more) {
    String[] base = {
      "--spring.datasource.url=" + database,
      "--spring.datasource.username=" + TestPostgres.get().user(),
      "--spring.datasource.password=" + TestPostgres.get().password(),
      "--spring.data.redis.url=" + TestRedis.get().newDatabase(),
      "--smart.credentials.encryption-key=" + RestServiceTest.ENCRYPTION_KEY,
      "--smart.internal.token=" + RestServiceTest.TOKEN,
      "--logging.structured.format.console="
    };
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  /** What {@code RestServiceApplication.main} does for a command, without its System.exit. */
  private static int run(String[] args) {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(RestServiceApplication.class)
            .web(WebApplicationType.NONE)
            .run(args);
    return SpringApplication.exit(context);
  }
}
