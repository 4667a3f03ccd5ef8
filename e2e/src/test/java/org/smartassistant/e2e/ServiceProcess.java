package org.smartassistant.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One running instance of a service: a separate JVM started from the module's built jar. */
public final class ServiceProcess {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final Service service;
  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(Service service, String name, int port, Path log, Process process) {
    this.service = service;
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  static ServiceProcess start(
      Service service,
      String name,
      int port,
      Path jar,
      Map<String, String> environment,
      Path logDir,
      Path jvmOptions)
      throws IOException {
    Files.createDirectories(logDir);
    Path log = logDir.resolve(name + ".log");
    // started as ./manage.sh and the images start it: bin/run-service, with the class data
    // archive of the jar (recorded at its first start; -Dsuite.classDataSharing=off: none)
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(jvmOptions.toAbsolutePath().getParent().resolve("bin/run-service").toString());
    command.add(jar.toString());
    // the services' default JVM options (the project's jvm.options); -Dsuite.jvmOptions replaces
    // them (e.g. a profiling run)
    String replaced = System.getProperty("suite.jvmOptions");
    if (replaced == null || replaced.isBlank()) {
      command.add("@" + jvmOptions.toAbsolutePath());
    } else {
      command.addAll(Arrays.asList(replaced.trim().split("\\s+")));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder
        .environment()
        .put("CLASS_DATA_SHARING", System.getProperty("suite.classDataSharing", "on"));
    builder.environment().putAll(environment);
    builder.environment().put(service.portVariable(), String.valueOf(port));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return new ServiceProcess(service, name, port, log, builder.start());
  }

  public Service service() {
    return service;
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until readiness answers UP; fails with the log's tail when it does not come. */
  public void awaitReady(Duration patience) throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + logTail());
      }
      if (readiness() == 200) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(name + " not ready after " + patience + ":\n" + logTail());
  }

  /** HTTP status of {@code /actuator/health/readiness}, or -1 when nothing answers. */
  public int readiness() {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** SIGTERM and wait for the graceful shutdown. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** SIGKILL: the process gets no chance to finish anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  public Path log() {
    return log;
  }
}
