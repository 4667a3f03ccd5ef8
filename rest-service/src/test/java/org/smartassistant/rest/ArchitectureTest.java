package org.smartassistant.rest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.smartassistant.testsupport.ServiceBoundaries;
import org.springframework.data.repository.Repository;

/**
 * Module and package boundaries of the REST service: its classes use only their own packages,
 * {@code org.smartassistant.common} and libraries; its feature packages do not depend on each other
 * in a cycle; and a web resource reaches the data of another feature only through that feature's
 * service, never through its repository.
 */
@AnalyzeClasses(
    packages = "org.smartassistant.rest",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String ROOT = "org.smartassistant.rest.";

  @ArchTest
  static final ArchRule dependsOnNoOtherService =
      ServiceBoundaries.dependsOnNoOtherService("org.smartassistant.rest");

  @ArchTest
  static final ArchRule featurePackagesAreFreeOfCycles =
      ServiceBoundaries.featurePackagesAreFreeOfCycles("org.smartassistant.rest");

  @ArchTest
  static final ArchRule featureInternalsStayInside =
      ServiceBoundaries.featureInternalsStayInside("org.smartassistant.rest");

  @ArchTest
  static final ArchRule resourcesUseOnlyRepositoriesOfTheirOwnFeature =
      classes()
          .that()
          .resideInAPackage("org.smartassistant.rest..")
          .and()
          .haveSimpleNameEndingWith("Resource")
          .should(useOnlyRepositoriesOfTheirOwnFeature())
          .because("another feature's data is reached through that feature's service");

  private static ArchCondition<JavaClass> useOnlyRepositoriesOfTheirOwnFeature() {
    return new ArchCondition<>("use only repositories of their own feature package") {
      @Override
      public void check(JavaClass resource, ConditionEvents events) {
        String feature = featureOf(resource);
        for (Dependency dependency : resource.getDirectDependenciesFromSelf()) {
          JavaClass target = dependency.getTargetClass().getBaseComponentType();
          if (isRepository(target) && !featureOf(target).equals(feature)) {
            events.add(
                SimpleConditionEvent.violated(
                    dependency,
                    dependency.getDescription()
                        + " - a repository of feature '"
                        + featureOf(target)
                        + "' used by a resource of feature '"
                        + feature
                        + "'"));
          }
        }
      }
    };
  }

  private static boolean isRepository(JavaClass type) {
    return type.getPackageName().startsWith(ROOT)
        && (type.getSimpleName().endsWith("Repository") || type.isAssignableTo(Repository.class));
  }

  /** The feature package right below {@code org.smartassistant.rest}, e.g. {@code users}. */
  private static String featureOf(JavaClass type) {
    return ServiceBoundaries.featureOf(ROOT, type);
  }
}
