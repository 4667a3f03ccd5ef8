package org.smartassistant.e2e.bench;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.Suite;

/**
 * How long the services take from their start to a readiness of UP: each started alone (its
 * instances stopped first, the others running and idle), then all five stopped and started at once.
 * Runs after the load phases, on the jars and JVM options the benchmark measured.
 */
final class StartupTimes {

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  private StartupTimes() {}

  /** Each service's time to ready when it is the only one starting. */
  static Map<Service, Duration> eachAlone(Suite suite) throws InterruptedException {
    Map<Service, Duration> times = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      stop(suite, List.of(service));
      long start = System.nanoTime();
      suite.start(service).awaitReady(PATIENCE);
      times.put(service, Duration.ofNanos(System.nanoTime() - start));
    }
    return times;
  }

  /** The time until all five are ready when all five are started together. */
  static Duration allFive(Suite suite) throws InterruptedException {
    stop(suite, List.of(Service.values()));
    long start = System.nanoTime();
    List<ServiceProcess> started = List.of(Service.values()).stream().map(suite::start).toList();
    for (ServiceProcess process : started) {
      process.awaitReady(PATIENCE);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void stop(Suite suite, List<Service> services) throws InterruptedException {
    for (Service service : services) {
      for (ServiceProcess instance : suite.instances(service)) {
        instance.stop();
      }
    }
  }
}
