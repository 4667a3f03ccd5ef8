package org.smartassistant.testsupport;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Where tests get PostgreSQL and Redis from, in this order: a URL from the environment, then
 * Testcontainers when a Docker engine is reachable, then embedded binaries. The one place that
 * decides it.
 */
public enum InfrastructureSource {
  ENVIRONMENT,
  TESTCONTAINERS,
  EMBEDDED;

  /**
   * JDBC URL of a PostgreSQL server for tests, e.g. {@code
   * jdbc:postgresql://127.0.0.1:5432/postgres}.
   */
  public static final String POSTGRES_URL_VARIABLE = "TEST_POSTGRES_URL";

  /** Redis URL for tests, e.g. {@code redis://127.0.0.1:6379}. */
  public static final String REDIS_URL_VARIABLE = "TEST_REDIS_URL";

  /**
   * Set to {@code embedded} to skip the environment and Docker (used by CI to exercise that path).
   */
  public static final String FORCE_VARIABLE = "TEST_INFRASTRUCTURE";

  public static InfrastructureSource choose(
      String urlVariable, Map<String, String> environment, BooleanSupplier dockerAvailable) {
    String forced = environment.get(FORCE_VARIABLE);
    if (forced != null && !forced.isBlank()) {
      return valueOf(forced.trim().toUpperCase(java.util.Locale.ROOT));
    }
    String url = environment.get(urlVariable);
    if (url != null && !url.isBlank()) {
      return ENVIRONMENT;
    }
    return dockerAvailable.getAsBoolean() ? TESTCONTAINERS : EMBEDDED;
  }
}
