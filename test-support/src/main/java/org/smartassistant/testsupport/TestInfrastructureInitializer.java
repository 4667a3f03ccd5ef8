package org.smartassistant.testsupport;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context at a database and a Redis database of its own. Use through {@link
 * UseTestInfrastructure}.
 */
public class TestInfrastructureInitializer
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

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
  }
}
