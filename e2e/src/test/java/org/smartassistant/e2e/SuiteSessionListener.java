package org.smartassistant.e2e;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the shared suite once the test JVM's tests are done, while its database and Redis are still
 * there (registered in {@code META-INF/services}). The JVM's shutdown hooks run in no order, so a
 * suite stopped only by one could find its database already dropped by another.
 */
public final class SuiteSessionListener implements LauncherSessionListener {

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    Suite.stopShared();
  }
}
