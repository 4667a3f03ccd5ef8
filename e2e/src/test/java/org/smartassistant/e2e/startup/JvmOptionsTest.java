package org.smartassistant.e2e.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.Suite;

/**
 * Each service runs with the options of jvm.options and, after them, its own jvm.<service>.options
 * (bin/run-service, as ./manage.sh and the images start it): the assistant, which holds every turn
 * in flight, has the larger heap; the others keep jvm.options' ceiling.
 */
class JvmOptionsTest {

  private static final long MIB = 1024 * 1024;

  private final Suite suite = Suite.shared();

  @ParameterizedTest
  @EnumSource(Service.class)
  void theRunningServiceHasTheHeapCeilingOfItsOptions(Service service)
      throws IOException, InterruptedException {
    ServiceProcess instance = runningWithDefaultOptions(service);

    long maxHeap = flagOf(instance.pid(), "MaxHeapSize");

    assertThat(maxHeap / MIB)
        .as("%s's -Xmx", instance.name())
        .isEqualTo(service == Service.ASSISTANT ? 320 : 160);
  }

  /**
   * The assistant promotes an object that survived one young collection (jvm.assistant.options):
   * the turns in flight of a burst are copied once, not between the survivor spaces until they die.
   */
  @Test
  void theRunningAssistantPromotesWhatSurvivesOneCollection()
      throws IOException, InterruptedException {
    ServiceProcess instance = runningWithDefaultOptions(Service.ASSISTANT);

    assertThat(flagOf(instance.pid(), "MaxTenuringThreshold"))
        .as("the assistant's -XX:MaxTenuringThreshold")
        .isEqualTo(1);
  }

  /** Every service gives the C library's free memory back every 5 s (jvm.options). */
  @ParameterizedTest
  @EnumSource(Service.class)
  void theRunningServiceTrimsItsNativeHeap(Service service)
      throws IOException, InterruptedException {
    ServiceProcess instance = runningWithDefaultOptions(service);

    assertThat(flagOf(instance.pid(), "TrimNativeHeapInterval"))
        .as("%s's -XX:TrimNativeHeapInterval (ms)", instance.name())
        .isEqualTo(5000);
  }

  /**
   * Every service compiles a method after 0.3 times the usual number of calls (jvm.options): code
   * met now and then runs compiled sooner.
   */
  @ParameterizedTest
  @EnumSource(Service.class)
  void theRunningServiceCompilesSooner(Service service) throws IOException, InterruptedException {
    ServiceProcess instance = runningWithDefaultOptions(service);

    assertThat(Double.parseDouble(flag(instance.pid(), "CompileThresholdScaling")))
        .as("%s's -XX:CompileThresholdScaling", instance.name())
        .isEqualTo(0.3);
  }

  /** The service's running instance; the test is skipped when the suite replaced the options. */
  private ServiceProcess runningWithDefaultOptions(Service service) {
    assumeTrue(
        System.getProperty("suite.jvmOptions") == null,
        "the services run with other options (-Dsuite.jvmOptions)");
    return suite.instance(service);
  }

  /** A numeric flag of the running JVM, as {@code jcmd <pid> VM.flags} reports it. */
  private static long flagOf(long pid, String flag) throws IOException, InterruptedException {
    return Long.parseLong(flag(pid, flag));
  }

  /** A flag's value in the running JVM, as {@code jcmd <pid> VM.flags} reports it. */
  private static String flag(long pid, String flag) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), "VM.flags")
            .redirectErrorStream(true)
            .start();
    String flags = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(flags).isZero();
    Matcher matcher = Pattern.compile("-XX:" + flag + "=([0-9.]+)").matcher(flags);
    assertThat(matcher.find()).as(flags).isTrue();
    return matcher.group(1);
  }
}
