package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smartassistant.common.concurrent.VirtualThreads;
import org.smartassistant.common.concurrent.VirtualThreadsTest;

/**
 * A consumer's handlers run on the threads its settings ask for: virtual ones where the choice and
 * this JVM allow them, named daemon platform threads otherwise.
 */
class StreamConsumerThreadsTest {

  private final StreamFixture streams = new StreamFixture();

  @AfterEach
  void cleanUp() {
    streams.close();
  }

  @ParameterizedTest
  @EnumSource(VirtualThreads.class)
  void handlersRunOnTheThreadsTheSettingsAskFor(VirtualThreads choice) throws Exception {
    CompletableFuture<Thread> handlerThread = new CompletableFuture<>();
    streams.consumer(
        s -> s.withVirtualThreads(choice),
        envelope -> handlerThread.complete(Thread.currentThread()),
        DeadLetterHandler.NONE,
        new SimpleMeterRegistry());

    streams.publish(1, "hello");

    Thread thread = handlerThread.get(10, TimeUnit.SECONDS);
    assertThat(VirtualThreadsTest.isVirtual(thread)).isEqualTo(choice.active());
    assertThat(thread.getName()).startsWith("stream-" + StreamFixture.GROUP + "-worker-");
    assertThat(thread.isDaemon()).isTrue();
  }
}
