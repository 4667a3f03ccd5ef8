package org.smartassistant.rest.command;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.rest.changes.ChangeRelay;
import org.smartassistant.rest.seed.SeedService;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link OperatorCommand} named by {@code smart.command}. Flyway has applied the pending
 * migrations while the application started, so {@code upgrade} only reports the schema version.
 */
@Component
@ConditionalOnProperty(OperatorCommand.PROPERTY)
class OperatorCommandRunner implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(OperatorCommandRunner.class);

  private final Environment environment;
  private final Flyway flyway;
  private final SeedService seed;
  private final ChangeRelay relay;

  OperatorCommandRunner(
      Environment environment, Flyway flyway, SeedService seed, ChangeRelay relay) {
    this.environment = environment;
    this.flyway = flyway;
    this.seed = seed;
    this.relay = relay;
  }

  @Override
  public void run(ApplicationArguments args) {
    OperatorCommand command =
        OperatorCommand.parse(environment.getRequiredProperty(OperatorCommand.PROPERTY));
    MigrationInfo current = flyway.info().current();
    log.info(
        "database schema at version {} ({} pending)",
        current == null ? "none" : current.getVersion(),
        flyway.info().pending().length);
    if (command == OperatorCommand.SEED) {
      SeedService.SeedReport report = seed.seed();
      // events of the seed go out now if Redis is there; otherwise the service sends them later
      relay.publishPending();
      log.info("seed done: default secretary {}", report.secretaryId());
    }
  }
}
