package org.smartassistant.e2e.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.Suite;

/**
 * How long the services take from their start to a readiness of UP: each started alone (its
 * instances stopped first, the others running and idle), then all five stopped and started at once.
 * Runs after the load phases, on the jars and JVM options the benchmark measured. Each is started
 * {@code runs} times and the median is kept: one start on a busy machine can take half as long
 * again as the next.
 */
final class StartupTimes {

  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /**
   * One service's start, the median of its runs.
   *
   * @param ready from the start to a readiness of UP
   * @param cpuMillis the CPU the service had used by then (user and system, all its threads)
   */
  record Startup(Duration ready, long cpuMillis) {}

  private StartupTimes() {}

  /** Each service's time to ready when it is the only one starting. */
  static Map<Service, Startup> eachAlone(Suite suite, int runs)
      throws InterruptedException, IOException {
    Map<Service, Startup> times = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      List<Long> nanos = new ArrayList<>();
      List<Long> cpu = new ArrayList<>();
      for (int run = 0; run < runs; run++) {
        stop(suite, List.of(service));
        long start = System.nanoTime();
        ServiceProcess process = suite.start(service);
        process.awaitReady(PATIENCE);
        nanos.add(System.nanoTime() - start);
        cpu.add(ProcessUsage.cpuMillis(process.pid()));
      }
      times.put(service, new Startup(Duration.ofNanos(median(nanos)), median(cpu)));
    }
    return times;
  }

  /** The time until all five are ready when all five are started together. */
  static Duration allFive(Suite suite, int runs) throws InterruptedException {
    List<Long> nanos = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      stop(suite, List.of(Service.values()));
      long start = System.nanoTime();
      List<ServiceProcess> started = List.of(Service.values()).stream().map(suite::start).toList();
      for (ServiceProcess process : started) {
        process.awaitReady(PATIENCE);
      }
      nanos.add(System.nanoTime() - start);
    }
    return Duration.ofNanos(median(nanos));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void stop(Suite suite, List<Service> services) throws InterruptedException {
    for (Service service : services) {
      for (ServiceProcess instance : suite.instances(service)) {
        instance.stop();
      }
    }
  }
}
