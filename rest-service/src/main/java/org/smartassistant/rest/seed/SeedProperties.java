package org.smartassistant.rest.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Whether a fresh database is seeded when the service starts ({@code SEED_ON_FIRST_START}, default
 * true). "Fresh" means never seeded before, so deleting the seeded assistants is not undone by a
 * restart.
 */
@ConfigurationProperties("smart.seed")
public record SeedProperties(Boolean onFirstStart) {

  public SeedProperties {
    onFirstStart = onFirstStart == null || onFirstStart;
  }
}
