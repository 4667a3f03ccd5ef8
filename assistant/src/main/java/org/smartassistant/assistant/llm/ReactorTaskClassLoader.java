package org.smartassistant.assistant.llm;

import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

/**
 * Runs every task on Reactor's schedulers with the application's class loader as the thread's
 * context class loader. Spring AI runs the tool calls of a streamed exchange on {@code
 * Schedulers.boundedElastic()}, whose threads are shared by the whole JVM and otherwise keep the
 * context class loader of whichever thread created them: a tool that looks something up through it
 * (Lettuce's logging set-up, a {@link java.util.ServiceLoader}) would use a foreign class loader,
 * or one already discarded, e.g. a stopped web server's. Installed once per JVM (a named hook, so
 * installing it again replaces it).
 */
@Component
final class ReactorTaskClassLoader {

  /** The name of the hook in {@link Schedulers#onScheduleHook}. */
  static final String HOOK = "smart-assistant-context-class-loader";

  ReactorTaskClassLoader() {
    install();
  }

  static void install() {
    ClassLoader application = ReactorTaskClassLoader.class.getClassLoader();
    Schedulers.onScheduleHook(
        HOOK,
        task ->
            () -> {
              Thread thread = Thread.currentThread();
              ClassLoader before = thread.getContextClassLoader();
              thread.setContextClassLoader(application);
              try {
                task.run();
              } finally {
                thread.setContextClassLoader(before);
              }
            });
  }
}
