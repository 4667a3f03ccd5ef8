package org.smartassistant.common.concurrent;

import java.util.concurrent.ThreadFactory;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * The threads of a service's own background work: named for the logs, and daemons, so they never
 * keep a stopping JVM alive. Spring's {@link CustomizableThreadFactory} underneath.
 */
public final class DaemonThreads {

  private DaemonThreads() {}

  /** A factory of daemon threads named {@code name-1}, {@code name-2}, ... */
  public static ThreadFactory named(String name) {
    CustomizableThreadFactory factory = new CustomizableThreadFactory(name + "-");
    factory.setDaemon(true);
    return factory;
  }

  /** One daemon thread named {@code name} running {@code task}, not started yet. */
  public static Thread unstarted(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }
}
