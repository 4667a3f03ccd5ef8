package org.smartassistant.calendar;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Module and package boundaries of the calendar service: its classes use only their own packages,
 * {@code org.smartassistant.common} and libraries, and its feature packages do not depend on each
 * other in a cycle.
 */
@AnalyzeClasses(
    packages = "org.smartassistant.calendar",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnNoOtherService =
      noClasses()
          .that()
          .resideInAPackage("org.smartassistant.calendar..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("org.smartassistant..")
                  .and(
                      not(
                          resideInAnyPackage(
                              "org.smartassistant.calendar..", "org.smartassistant.common.."))))
          .because("services talk to each other only through the contracts in common");

  @ArchTest
  static final ArchRule featurePackagesAreFreeOfCycles =
      slices().matching("org.smartassistant.calendar.(*)..").should().beFreeOfCycles();
}
