package org.smartassistant.e2e.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.Suite;

/**
 * Each service runs with the class data archive of its jar (bin/run-service, as ./manage.sh and the
 * images start it): the archive was recorded at the jar's first start, and the running JVM has it
 * mapped — its classes come from the archive, not from the jar.
 */
class ClassDataSharingTest {

  private final Suite suite = Suite.shared();

  @ParameterizedTest
  @EnumSource(Service.class)
  void theRunningServiceHasTheArchiveOfItsJarMapped(Service service) throws IOException {
    ServiceProcess instance = suite.instance(service);
    String name = service.module() + "-0.1.0-SNAPSHOT";
    Path archive =
        Suite.projectRoot()
            .resolve(service.module())
            .resolve("target/cds")
            .resolve(name)
            .resolve(name + ".jsa");

    assertThat(archive).as("the archive recorded at the first start").isNotEmptyFile();
    String mapped = archive.toRealPath().toString();
    List<String> maps = Files.readAllLines(Path.of("/proc", Long.toString(instance.pid()), "maps"));
    assertThat(maps)
        .as("memory mappings of %s (pid %d)", instance.name(), instance.pid())
        .anyMatch(line -> line.endsWith(mapped));
  }
}
