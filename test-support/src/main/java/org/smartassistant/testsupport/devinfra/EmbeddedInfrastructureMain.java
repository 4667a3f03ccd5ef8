package org.smartassistant.testsupport.devinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Command-line entry used by {@code ./manage.sh} when no PostgreSQL or Redis is reachable: {@code
 * run} keeps embedded servers in the foreground until SIGTERM, {@code ensure-database} creates the
 * application database on any server when {@code psql} is not installed.
 *
 * <pre>
 * run --data-dir DIR [--postgres-port P --database NAME --user U --password PW]
 *     [--redis-port P] [--ready-file FILE]
 * ensure-database --url JDBC_URL --user U [--password PW]
 * </pre>
 *
 * Without {@code --password} the password is read from {@code DATABASE_PASSWORD}, so it never has
 * to appear in a process list.
 */
public final class EmbeddedInfrastructureMain {

  private EmbeddedInfrastructureMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage("a command is required");
    }
    Map<String, String> options = options(args);
    switch (args[0]) {
      case "run" -> run(options);
      case "ensure-database" -> {
        boolean created =
            PostgresDatabases.ensure(
                required(options, "url"),
                options.getOrDefault("user", "postgres"),
                password(options));
        System.out.println(created ? "created" : "exists");
      }
      default -> usage("unknown command " + args[0]);
    }
  }

  private static void run(Map<String, String> options) throws Exception {
    Path dataDirectory = Path.of(required(options, "data-dir")).toAbsolutePath();
    Integer postgresPort = port(options.get("postgres-port"));
    Integer redisPort = port(options.get("redis-port"));
    if (postgresPort == null && redisPort == null) {
      usage("nothing to run: give --postgres-port and/or --redis-port");
    }
    Path readyFile = options.containsKey("ready-file") ? Path.of(options.get("ready-file")) : null;
    if (readyFile != null) {
      Files.deleteIfExists(readyFile);
    }

    DevInfrastructure infrastructure = new DevInfrastructure(dataDirectory);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("stopping embedded infrastructure");
                  infrastructure.close();
                  try {
                    if (readyFile != null) {
                      Files.deleteIfExists(readyFile);
                    }
                  } catch (Exception ignored) {
                    // the marker is advisory; the JVM is going away
                  }
                  System.out.println("embedded infrastructure stopped");
                  stopped.countDown();
                },
                "embedded-infrastructure-shutdown"));

    try {
      StringBuilder ready = new StringBuilder();
      if (postgresPort != null) {
        infrastructure.startPostgres(
            postgresPort,
            options.getOrDefault("database", "smart_assistant"),
            options.getOrDefault("user", "postgres"),
            password(options));
        ready.append("postgres=").append(postgresPort).append('\n');
      }
      if (redisPort != null) {
        infrastructure.startRedis(redisPort);
        ready.append("redis=").append(redisPort).append('\n');
      }
      if (readyFile != null) {
        Files.writeString(readyFile, ready);
      }
      System.out.print("READY " + ready.toString().replace('\n', ' ').trim() + "\n");
      System.out.flush();
    } catch (Exception e) {
      System.err.println("embedded infrastructure failed to start: " + e);
      e.printStackTrace();
      // runs the shutdown hook, which stops whatever did start
      System.exit(1);
    }
    // stays in the foreground until SIGTERM/SIGINT runs the shutdown hook
    stopped.await();
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        usage("unexpected argument " + arg);
      }
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null || value.startsWith("--")) {
        usage("option " + arg + " needs a value");
      }
      options.put(arg.substring(2), value);
      i++;
    }
    return options;
  }

  private static String password(Map<String, String> options) {
    String fromEnvironment = System.getenv("DATABASE_PASSWORD");
    return options.getOrDefault("password", fromEnvironment == null ? "" : fromEnvironment);
  }

  private static Integer port(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      usage("not a port: " + value);
      return null;
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      usage("--" + name + " is required");
    }
    return value;
  }

  private static void usage(String problem) {
    System.err.println("EmbeddedInfrastructureMain: " + problem);
    System.err.println(
        "usage: run --data-dir DIR [--postgres-port P --database NAME --user U --password PW]"
            + " [--redis-port P] [--ready-file FILE]");
    System.err.println("       ensure-database --url JDBC_URL --user U [--password PW]");
    System.exit(2);
  }
}
