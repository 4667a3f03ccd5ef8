package org.smartassistant.e2e.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The suite's real {@code docker-compose.yml} plus the check's override, as its own compose project
 * with its own env file: {@code docker compose -p ... -f ... --env-file ... <args>}. Every
 * command's output goes to the test's output (the CI log shows each step).
 */
final class ComposeProject {

  private final Path root;
  private final String name;
  private final Path envFile;
  private final Map<String, String> settings;

  ComposeProject(Path root, String name, Map<String, String> settings) {
    this.root = root;
    this.name = name;
    this.settings = new LinkedHashMap<>(settings);
    this.envFile = root.resolve("e2e/target/" + name + ".env");
    writeEnvFile();
  }

  private void writeEnvFile() {
    StringBuilder text = new StringBuilder();
    settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    try {
      Files.createDirectories(envFile.getParent());
      Files.deleteIfExists(envFile);
      Files.createFile(
          envFile,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(envFile, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code docker compose <args>} and fails the test on a non-zero exit; returns stdout. */
  String run(Duration patience, String... args) {
    Result result = tryRun(patience, args);
    if (result.exitCode() != 0) {
      throw new AssertionError(
          "docker compose " + String.join(" ", args) + " exited " + result.exitCode());
    }
    return result.output();
  }

  /** Runs {@code docker compose <args>}; the exit code and stdout (stderr goes to the log). */
  Result tryRun(Duration patience, String... args) {
    List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", name));
    command.addAll(List.of("-f", "docker-compose.yml", "-f", "docker/compose.check.yml"));
    command.addAll(List.of("--env-file", envFile.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile());
    // the env file decides: a variable of the same name in this JVM's environment (./manage.sh
    // exports its defaults) would win over it in compose
    builder.environment().keySet().removeAll(settings.keySet());
    builder.redirectError(ProcessBuilder.Redirect.INHERIT);
    long started = System.nanoTime();
    Path out = null;
    try {
      // stdout to a file, so that the patience holds even when the command never ends
      out = Files.createTempFile("compose-", ".out");
      builder.redirectOutput(out.toFile());
      Process process = builder.start();
      if (!process.waitFor(patience.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            "docker compose " + String.join(" ", args) + " took over " + patience);
      }
      String output = Files.readString(out, StandardCharsets.UTF_8);
      System.out.printf(
          "[compose] docker compose %s -> exit %d in %.1f s%n%s",
          String.join(" ", args), process.exitValue(), (System.nanoTime() - started) / 1e9, output);
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException e) {
          // a temporary file left behind
        }
      }
    }
  }

  /** Each service and its health ({@code healthy}, {@code starting}, or empty without a check). */
  Map<String, String> health() {
    Map<String, String> health = new LinkedHashMap<>();
    String table =
        run(
            Duration.ofSeconds(60),
            "ps",
            "--all",
            "--format",
            "{{.Service}} {{.State}} {{.Health}}");
    for (String line : table.split("\n")) {
      String[] parts = line.trim().split(" ");
      if (parts.length >= 2) {
        health.put(parts[0], parts.length >= 3 ? parts[2] : parts[1]);
      }
    }
    return health;
  }

  record Result(int exitCode, String output) {}
}
