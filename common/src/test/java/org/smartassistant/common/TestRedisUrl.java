package org.smartassistant.common;

/** The Redis common's tests use: {@code TEST_REDIS_URL}, else the local one. */
public final class TestRedisUrl {

  public static final String VALUE =
      System.getenv().getOrDefault("TEST_REDIS_URL", "redis://127.0.0.1:6379");

  private TestRedisUrl() {}
}
