package org.smartassistant.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A task on a Reactor scheduler runs with the application's context class loader, even on a thread
 * that was created by a thread with a foreign one (as a stopped web server's request thread leaves
 * behind).
 */
class ReactorTaskClassLoaderTest {

  @Test
  void aTaskRunsWithTheApplicationsClassLoaderWhateverThreadCreatedItsWorker() throws Exception {
    ReactorTaskClassLoader.install();
    ClassLoader foreign = new URLClassLoader(new URL[0], null);
    Scheduler oneThread = Schedulers.newBoundedElastic(1, 10, "class-loader-test");
    try {
      // the worker thread is created by a thread whose context class loader is the foreign one
      CompletableFuture<ClassLoader> first = new CompletableFuture<>();
      Thread creator =
          new Thread(
              () ->
                  oneThread.schedule(
                      () -> first.complete(Thread.currentThread().getContextClassLoader())));
      creator.setContextClassLoader(foreign);
      creator.start();
      creator.join();
      CompletableFuture<ClassLoader> second = new CompletableFuture<>();
      oneThread.schedule(() -> second.complete(Thread.currentThread().getContextClassLoader()));

      ClassLoader application = ReactorTaskClassLoader.class.getClassLoader();
      assertThat(first.get(5, TimeUnit.SECONDS)).isSameAs(application);
      assertThat(second.get(5, TimeUnit.SECONDS)).isSameAs(application);
    } finally {
      oneThread.dispose();
    }
  }
}
