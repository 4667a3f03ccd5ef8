package org.smartassistant.cron.reminders;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Pulls all active reminders from rest-service at start and every {@code pull-interval}, and
 * reconciles Quartz with them: the safety net under the change events, which may be missed while
 * Redis or this instance is down. A failed pull changes nothing; the next one comes sooner (from 2
 * seconds, doubling up to the interval), so a start before rest-service is up costs seconds.
 */
@Component
class ReminderPull implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReminderPull.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(2);

  private final ReminderScheduler reminders;
  private final SchedulerProperties properties;
  private final MeterRegistry meters;
  private ScheduledExecutorService executor;
  private Duration retryDelay = FIRST_RETRY;

  ReminderPull(ReminderScheduler reminders, SchedulerProperties properties, MeterRegistry meters) {
    this.reminders = reminders;
    this.properties = properties;
    this.meters = meters;
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("reminder-pull"));
    executor.execute(this::pull);
  }

  private void pull() {
    Duration next = properties.pullInterval();
    try {
      ReminderScheduler.PullResult result = reminders.reconcileAll();
      meters.counter("reminders.pulls", "outcome", "ok").increment();
      log.debug("pulled {} active reminders: {}", result.active(), result.changes());
      retryDelay = FIRST_RETRY;
    } catch (RuntimeException e) {
      meters.counter("reminders.pulls", "outcome", "failed").increment();
      if (retryDelay.compareTo(next) < 0) {
        next = retryDelay;
        retryDelay = retryDelay.multipliedBy(2);
      }
      log.warn(
          "pulling the reminders failed, the schedule is kept as it is; next pull in {}: {}",
          next,
          ReminderScheduler.rootCause(e));
    }
    ScheduledExecutorService current = executor;
    if (current != null && !current.isShutdown()) {
      current.schedule(this::pull, next.toMillis(), TimeUnit.MILLISECONDS);
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
