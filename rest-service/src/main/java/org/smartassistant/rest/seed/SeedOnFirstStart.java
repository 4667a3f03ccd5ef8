package org.smartassistant.rest.seed;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Seeds a database that was never seeded when the service starts, so that a fresh install answers
 * out of the box. Skipped for one-shot commands and when {@code SEED_ON_FIRST_START=false}.
 */
@Component
class SeedOnFirstStart implements ApplicationRunner {

  private final SeedService seed;
  private final SeedProperties properties;
  private final Environment environment;

  SeedOnFirstStart(SeedService seed, SeedProperties properties, Environment environment) {
    this.seed = seed;
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public void run(ApplicationArguments args) {
    String command = environment.getProperty("smart.command");
    if (command != null && !command.isBlank()) {
      return;
    }
    if (properties.onFirstStart() && seed.neverSeeded()) {
      seed.seed();
    }
  }
}
