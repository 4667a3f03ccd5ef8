package org.smartassistant.common.concurrent;

import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/**
 * Whether a stream consumer's handlers run on virtual threads ({@code STREAM_VIRTUAL_THREADS}). A
 * handler spends most of its time waiting (Redis, rest-service, the model); on a virtual thread a
 * wait parks the thread in the JVM instead of holding an operating-system thread, so hundreds of
 * users waiting at once cost neither a kernel context switch per wait nor a thread stack each
 * (docs/operations.md, "Virtual threads"). Virtual threads came with Java 21; the services still
 * run on 17, where every choice means platform threads.
 */
public enum VirtualThreads {

  /**
   * Virtual threads from Java 24 on, where a virtual thread blocked inside a {@code synchronized}
   * block no longer holds on to its carrier thread (JEP 491); platform threads before.
   */
  AUTO(24),
  /**
   * Virtual threads from Java 21 on. On 21 to 23 a handler that blocks inside a {@code
   * synchronized} block (in the service or a library) holds one of the few carrier threads until it
   * is done.
   */
  ON(21),
  /** Platform threads on every Java version. */
  OFF(Integer.MAX_VALUE);

  private static final Logger log = LoggerFactory.getLogger(VirtualThreads.class);

  private final int fromJava;

  VirtualThreads(int fromJava) {
    this.fromJava = fromJava;
  }

  /**
   * Whether this choice means virtual threads on a JVM of the given feature release (17, 21...).
   */
  public boolean activeOn(int javaFeature) {
    return javaFeature >= fromJava;
  }

  /** Whether this choice means virtual threads on this JVM. */
  public boolean active() {
    return activeOn(Runtime.version().feature());
  }

  /**
   * Threads named {@code name-N}: virtual ones (Spring's {@link VirtualThreadTaskExecutor}) when
   * {@link #active()}, else {@link DaemonThreads#named daemon platform threads}.
   */
  public ThreadFactory factory(String name) {
    if (active()) {
      return new VirtualThreadTaskExecutor(name + "-").getVirtualThreadFactory();
    }
    if (this == ON) {
      log.warn(
          "virtual threads asked for, but Java {} has none (21 or newer): {} runs on platform threads",
          Runtime.version().feature(),
          name);
    }
    return DaemonThreads.named(name);
  }
}
