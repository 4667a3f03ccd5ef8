package org.smartassistant.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

public class VirtualThreadsTest {

  /**
   * auto waits for the Java where synchronized no longer pins a carrier (24); true takes virtual
   * threads wherever the JVM has them (21); false never does.
   */
  @ParameterizedTest(name = "{0} on Java {1}: virtual {2}")
  @CsvSource({
    "AUTO, 17, false",
    "AUTO, 21, false",
    "AUTO, 23, false",
    "AUTO, 24, true",
    "AUTO, 25, true",
    "ON, 17, false",
    "ON, 20, false",
    "ON, 21, true",
    "ON, 25, true",
    "OFF, 17, false",
    "OFF, 25, false",
    "OFF, 2147483646, false"
  })
  void eachChoiceMeansVirtualThreadsFromItsJavaOn(
      VirtualThreads choice, int javaFeature, boolean virtual) {
    assertThat(choice.activeOn(javaFeature)).isEqualTo(virtual);
  }

  @Test
  void theSettingReadsAsOperatorsWriteIt() {
    MockEnvironment environment =
        new MockEnvironment()
            .withProperty("a", "auto")
            .withProperty("b", "true")
            .withProperty("c", "off")
            .withProperty("d", "ON");
    Binder binder = Binder.get(environment);
    Bindable<VirtualThreads> type = Bindable.of(VirtualThreads.class);
    assertThat(binder.bind("a", type).get()).isEqualTo(VirtualThreads.AUTO);
    assertThat(binder.bind("b", type).get()).isEqualTo(VirtualThreads.ON);
    assertThat(binder.bind("c", type).get()).isEqualTo(VirtualThreads.OFF);
    assertThat(binder.bind("d", type).get()).isEqualTo(VirtualThreads.ON);
  }

  @ParameterizedTest
  @EnumSource(VirtualThreads.class)
  void theFactoryMakesNamedDaemonThreadsOfTheKindChosenForThisJvm(VirtualThreads choice)
      throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    Thread thread = choice.factory("handler").newThread(() -> ran.complete(Thread.currentThread()));
    thread.start();

    assertThat(ran.get(10, TimeUnit.SECONDS)).isSameAs(thread);
    assertThat(isVirtual(thread)).isEqualTo(choice.active());
    assertThat(thread.getName()).matches("handler-\\d+");
    assertThat(thread.isDaemon()).isTrue();
  }

  /** {@code Thread.isVirtual()}, which Java 17 does not have (no thread is virtual there). */
  public static boolean isVirtual(Thread thread) throws ReflectiveOperationException {
    Method isVirtual;
    try {
      isVirtual = Thread.class.getMethod("isVirtual");
    } catch (NoSuchMethodException beforeJava21) {
      return false;
    }
    return (boolean) isVirtual.invoke(thread);
  }
}
