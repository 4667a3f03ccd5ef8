package org.smartassistant.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries every service keeps, as ArchUnit rules its {@code ArchitectureTest} applies to its
 * own root package (e.g. {@code org.smartassistant.assistant}).
 */
public final class ServiceBoundaries {

  private ServiceBoundaries() {}

  /** The service uses only its own packages, {@code org.smartassistant.common} and libraries. */
  public static ArchRule dependsOnNoOtherService(String servicePackage) {
    return noClasses()
        .that()
        .resideInAPackage(servicePackage + "..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.smartassistant..")
                .and(not(resideInAnyPackage(servicePackage + "..", "org.smartassistant.common.."))))
        .because("services talk to each other only through the contracts in common");
  }

  /**
   * The service's feature packages (its root's sub-packages) do not depend on each other in a
   * cycle.
   */
  public static ArchRule featurePackagesAreFreeOfCycles(String servicePackage) {
    return slices().matching(servicePackage + ".(*)..").should().beFreeOfCycles();
  }
}
