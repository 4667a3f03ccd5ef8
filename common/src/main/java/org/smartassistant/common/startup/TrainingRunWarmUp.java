package org.smartassistant.common.startup;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.core.env.Environment;

/**
 * In the class data archive's training run only, checks the service's readiness once before the run
 * ends, so that the archive also holds the classes of that check.
 *
 * <p>The training run (bin/run-service, {@code -Dspring.context.exit=onRefresh}) ends when the
 * context is refreshed, before any lifecycle bean starts. So it never opened a Redis connection:
 * Lettuce's and Netty's classes were loaded from the jars at every real start (rest-service: some
 * 860 classes), by the first readiness check, which took 0.6-0.8 s. Here the readiness group (the
 * database and Redis among its contributors) is evaluated once, after every singleton is created
 * and before the run ends. A check that fails (Redis not reachable, say) only records fewer
 * classes. In a real start this does nothing.
 *
 * <p>It decides at run time, from the environment, and not with a condition: with Spring AOT the
 * beans are fixed when the jar is built, and the training run starts the same beans as a real
 * start.
 */
public class TrainingRunWarmUp implements SmartInitializingSingleton {

  static final String EXIT_PROPERTY = "spring.context.exit";
  static final String READINESS_GROUP = "readiness";

  private static final Log LOG = LogFactory.getLog(TrainingRunWarmUp.class);

  private final Environment environment;
  private final ObjectProvider<HealthEndpoint> healthEndpoint;

  TrainingRunWarmUp(Environment environment, ObjectProvider<HealthEndpoint> healthEndpoint) {
    this.environment = environment;
    this.healthEndpoint = healthEndpoint;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!"onRefresh".equalsIgnoreCase(environment.getProperty(EXIT_PROPERTY))) {
      return;
    }
    HealthEndpoint endpoint = healthEndpoint.getIfAvailable();
    if (endpoint == null) {
      return;
    }
    try {
      HealthDescriptor readiness = endpoint.healthForPath(READINESS_GROUP);
      LOG.info(
          "training run: readiness checked once ("
              + (readiness == null ? "no such group" : readiness.getStatus())
              + "), so that the class data archive holds its classes");
    } catch (RuntimeException e) {
      LOG.info(
          "training run: the readiness check failed (" + e + "); the archive holds fewer classes");
    }
  }
}
