package org.smartassistant.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

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

  /**
   * A feature package's sub-packages are its internals: a class of another feature may use the
   * classes right in the feature's package (e.g. {@code assistant.tools}), never those below it
   * (e.g. {@code assistant.tools.calendar}). Classes right in the service's root package (the
   * application, its configuration) are outside every feature and not bound by this.
   */
  public static ArchRule featureInternalsStayInside(String servicePackage) {
    String root = servicePackage + ".";
    return classes()
        .that()
        .resideInAPackage(servicePackage + ".*..")
        .should(
            new ArchCondition<JavaClass>("use no other feature's sub-packages") {
              @Override
              public void check(JavaClass origin, ConditionEvents events) {
                String feature = featureOf(root, origin);
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                  JavaClass target = dependency.getTargetClass().getBaseComponentType();
                  String below = below(root, target);
                  if (below == null || below.indexOf('.') < 0) {
                    continue;
                  }
                  String targetFeature = below.substring(0, below.indexOf('.'));
                  if (!targetFeature.equals(feature)) {
                    events.add(
                        SimpleConditionEvent.violated(
                            dependency,
                            dependency.getDescription()
                                + " - reaches into the internals ("
                                + target.getPackageName()
                                + ") of feature '"
                                + targetFeature
                                + "'"));
                  }
                }
              }
            })
        .because("a feature is used through its own package, its sub-packages are its own");
  }

  /**
   * The feature (first package below {@code root}, which ends with a dot) of a class, or "" for the
   * root's own classes and for classes outside it.
   */
  public static String featureOf(String root, JavaClass type) {
    String below = below(root, type);
    if (below == null) {
      return "";
    }
    int dot = below.indexOf('.');
    return dot < 0 ? below : below.substring(0, dot);
  }

  /** The package of a class relative to the root, e.g. "tools.calendar", or null if outside. */
  private static String below(String root, JavaClass type) {
    String packageName = type.getPackageName();
    return packageName.startsWith(root) ? packageName.substring(root.length()) : null;
  }
}
