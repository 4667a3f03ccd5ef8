package org.smartassistant.tgbot;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.smartassistant.testsupport.ServiceBoundaries;

/**
 * Module and package boundaries of the Telegram bot: its classes use only their own packages,
 * {@code org.smartassistant.common} and libraries, its feature packages do not depend on each other
 * in a cycle, and no feature uses another's sub-packages (its internals).
 */
@AnalyzeClasses(
    packages = "org.smartassistant.tgbot",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnNoOtherService =
      ServiceBoundaries.dependsOnNoOtherService("org.smartassistant.tgbot");

  @ArchTest
  static final ArchRule featurePackagesAreFreeOfCycles =
      ServiceBoundaries.featurePackagesAreFreeOfCycles("org.smartassistant.tgbot");

  @ArchTest
  static final ArchRule featureInternalsStayInside =
      ServiceBoundaries.featureInternalsStayInside("org.smartassistant.tgbot");
}
