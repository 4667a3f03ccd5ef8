package org.smartassistant.e2e.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartassistant.e2e.Suite;

/**
 * bin/run-service records a class data archive for one jar, one JVM and one set of JVM options: the
 * JVM refuses an archive recorded with another object layout, so an archive kept across a change of
 * options would leave every later start without one. Each start here runs with {@code -Xshare:on},
 * which makes the JVM fail instead of starting without the archive it is given.
 */
class ClassDataArchiveOptionsTest {

  private static final String RECORDING = "class data sharing: recording the classes of hello";

  @TempDir Path dir;

  private Path jar;

  /** A plain application jar with an empty lib/ beside it: what run-service takes as extracted. */
  @BeforeEach
  void buildTheJar() throws IOException {
    Path source = dir.resolve("src/Hello.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        "public class Hello { public static void main(String[] a) {"
            + " System.out.println(\"hello from the application\"); } }");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    int compiled =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", classes.toString(), source.toString());
    assertThat(compiled).as("javac's exit code").isZero();

    Path app = Files.createDirectories(dir.resolve("app"));
    Files.createDirectories(app.resolve("lib"));
    jar = app.resolve("hello.jar");
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "Hello");
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream jarOut = new JarOutputStream(out, manifest)) {
      jarOut.putNextEntry(new JarEntry("Hello.class"));
      jarOut.write(Files.readAllBytes(classes.resolve("Hello.class")));
      jarOut.closeEntry();
    }
  }

  @Test
  void recordsTheArchiveAgainWhenTheOptionsChange() throws Exception {
    String first = start("-Xshare:on");
    assertThat(first).contains(RECORDING).contains("hello from the application");

    String again = start("-Xshare:on");
    assertThat(again)
        .as("the same options: the archive recorded before is used")
        .doesNotContain(RECORDING)
        .contains("hello from the application");

    // an archive recorded with compressed object pointers cannot be mapped without them
    String otherLayout = start("-Xshare:on", "-XX:-UseCompressedOops");
    assertThat(otherLayout)
        .as("other options: a new archive, which this JVM maps")
        .contains(RECORDING)
        .contains("hello from the application");
  }

  @Test
  void recordsTheArchiveAgainWhenAnOptionsFileChanges() throws Exception {
    Path options = dir.resolve("jvm.options");
    Files.writeString(options, "-Xshare:on\n");
    assertThat(start("@" + options)).contains(RECORDING);
    assertThat(start("@" + options)).doesNotContain(RECORDING);

    Files.writeString(options, "-Xshare:on\n-XX:-UseCompressedOops\n");
    assertThat(start("@" + options))
        .as("the file's contents changed, not its name")
        .contains(RECORDING)
        .contains("hello from the application");
  }

  /** Runs bin/run-service on the jar; returns its output, failing when it exits with an error. */
  private String start(String... jvmOptions) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(Suite.projectRoot().resolve("bin/run-service").toString());
    command.add(jar.toString());
    command.addAll(List.of(jvmOptions));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    builder.environment().put("CDS_DIR", dir.resolve("cds").toString());
    builder.environment().remove("CLASS_DATA_SHARING");
    // the output to a file, so that the wait below stays bounded if the JVM never ends
    Path log = Files.createTempFile(dir, "run-service-", ".log");
    builder.redirectOutput(log.toFile());
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(ended).as("run-service ended; its output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("run-service's exit code; its output:%n%s", output).isZero();
    return output;
  }
}
