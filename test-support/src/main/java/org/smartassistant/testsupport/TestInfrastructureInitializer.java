package org.smartassistant.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a database and a Redis database of its own, and gives it {@link
 * #INTERNAL_TOKEN} as {@code INTERNAL_TOKEN} unless the test sets its own. Use through {@link
 * UseTestInfrastructure}.
 */
public class TestInfrastructureInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  /** The internal token of a test context that sets none (the services need 32 characters). */
  public static final String INTERNAL_TOKEN = "test-suite-internal-token-0123456789abcdef";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    TestPostgres postgres = TestPostgres.get();
    TestRedis redis = TestRedis.get();
    Map<String, Object> properties =
        Map.of(
            "spring.datasource.url", postgres.newDatabase(),
            "spring.datasource.username", postgres.user(),
            "spring.datasource.password", postgres.password(),
            "spring.data.redis.url", redis.newDatabase());
    context
        .getEnvironment()
        .getPropertySources()
        .addFirst(new MapPropertySource("test-infrastructure", properties));
    // last: a token the test sets itself wins
    context
        .getEnvironment()
        .getPropertySources()
        .addLast(
            new MapPropertySource("test-internal-token", Map.of("INTERNAL_TOKEN", INTERNAL_TOKEN)));
  }
}
