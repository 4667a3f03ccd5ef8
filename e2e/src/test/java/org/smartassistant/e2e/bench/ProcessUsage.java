package org.smartassistant.e2e.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a process has used, from Linux's {@code /proc}: CPU time (user + system) and resident
 * memory.
 */
final class ProcessUsage {

  /** Clock ticks per second of {@code /proc/<pid>/stat} (USER_HZ, 100 on Linux). */
  private static final long TICKS_PER_SECOND = 100;

  private ProcessUsage() {}

  /** CPU milliseconds the process has used so far. */
  static long cpuMillis(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // after the command name in parentheses: state is field 3, utime 14, stime 15
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  /** Something read from {@code /proc} about one process. */
  @FunctionalInterface
  interface Reading<T> {
    T of(long pid) throws IOException;
  }

  /**
   * How often the process's live threads have given up or lost a core so far (voluntary and
   * involuntary context switches, from each thread's {@code /proc/<pid>/task/<tid>/status}), by
   * pool: the threads' names without their numbers (e.g. all {@code http-nio-8000-exec-<n>}
   * together). Each is a wake-up through the kernel, a cost that does not depend on how fast the
   * machine is. A thread that has ended is not counted.
   */
  static Map<String, Long> threadSwitchesByPool(long pid) throws IOException {
    Map<String, Long> switches = new TreeMap<>();
    try (DirectoryStream<Path> tasks =
        Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks) {
        try {
          String pool = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
          for (String line : Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              switches.merge(pool, Long.parseLong(line.replaceAll("[^0-9]", "")), Long::sum);
            }
          }
        } catch (NoSuchFileException e) {
          // the thread ended while the others were read
        }
      }
    }
    return switches;
  }

  /** The process's resident set size in bytes. */
  static long rssBytes(long pid) throws IOException {
    return kilobytes(pid, "status", "VmRSS:") * 1024;
  }

  /**
   * The process's proportional set size in bytes: its resident pages, each page it shares with
   * other processes (the JVM's own library, the JDK's class archive) divided among them. The sum
   * over the five services is the memory they take together; the sum of their RSS counts a shared
   * page once per process.
   */
  static long pssBytes(long pid) throws IOException {
    return kilobytes(pid, "smaps_rollup", "Pss:") * 1024;
  }

  private static long kilobytes(long pid, String file, String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), file))) {
      if (line.startsWith(field)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no " + field + " in /proc/" + pid + "/" + file);
  }
}
