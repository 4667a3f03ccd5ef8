package org.smartassistant.cron.reminders;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pulls all active reminders from rest-service at start and every {@code pull-interval}, and
 * reconciles Quartz with them: the safety net under the change events, which may be missed while
 * Redis or this instance is down. A failed pull changes nothing; the next one tries again.
 */
@Component
class ReminderPull implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReminderPull.class);

  private final ReminderScheduler reminders;
  private final SchedulerProperties properties;
  private final MeterRegistry meters;
  private ScheduledExecutorService executor;

  ReminderPull(ReminderScheduler reminders, SchedulerProperties properties, MeterRegistry meters) {
    this.reminders = reminders;
    this.properties = properties;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "reminder-pull");
              thread.setDaemon(true);
              return thread;
            });
    long interval = properties.pullInterval().toMillis();
    executor.scheduleWithFixedDelay(this::pull, 0, interval, TimeUnit.MILLISECONDS);
  }

  private void pull() {
    try {
      ReminderScheduler.PullResult result = reminders.reconcileAll();
      meters.counter("reminders.pulls", "outcome", "ok").increment();
      log.debug("pulled {} active reminders: {}", result.active(), result.changes());
    } catch (RuntimeException e) {
      meters.counter("reminders.pulls", "outcome", "failed").increment();
      log.warn("pulling the reminders failed, the schedule is kept as it is: {}", e.toString());
    }
  }

  @Override
  public synchronized void stop() {
    if (executor != null) {
      executor.shutdownNow();
      try {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      executor = null;
    }
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
