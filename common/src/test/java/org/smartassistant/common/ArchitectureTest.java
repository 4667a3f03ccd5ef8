package org.smartassistant.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Module boundary of {@code common}: it holds the contracts and plumbing every service builds on,
 * so it must not know any service, nor the test infrastructure; its packages do not depend on each
 * other in a cycle.
 */
@AnalyzeClasses(
    packages = "org.smartassistant.common",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule commonDependsOnNoServiceAndNoTestSupport =
      noClasses()
          .that()
          .resideInAPackage("org.smartassistant.common..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.smartassistant.rest..",
              "org.smartassistant.assistant..",
              "org.smartassistant.calendar..",
              "org.smartassistant.cron..",
              "org.smartassistant.tgbot..",
              "org.smartassistant.testsupport..")
          .because("common is shared by every service and must not depend on any of them");

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("org.smartassistant.common.(*)..").should().beFreeOfCycles();
}
