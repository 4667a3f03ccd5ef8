package org.smartassistant.cron.calendarrules;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts the {@link CalendarRuleSyncJob} into Quartz at start: one job for the cluster, repeating
 * every {@code sync-interval} (a changed interval replaces the trigger). Missed rounds are not
 * caught up one by one: the next round syncs everything anyway.
 */
@Component
class CalendarRuleSyncSchedule implements ApplicationRunner {

  static final JobKey JOB = JobKey.jobKey("sync", "calendar-rules");
  static final TriggerKey TRIGGER = TriggerKey.triggerKey("sync", "calendar-rules");

  private static final Logger log = LoggerFactory.getLogger(CalendarRuleSyncSchedule.class);

  private final Scheduler scheduler;
  private final CalendarRuleProperties properties;
  private final TransactionTemplate transactions;

  CalendarRuleSyncSchedule(
      Scheduler scheduler,
      CalendarRuleProperties properties,
      PlatformTransactionManager transactionManager) {
    this.scheduler = scheduler;
    this.properties = properties;
    this.transactions = new TransactionTemplate(transactionManager);
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      transactions.executeWithoutResult(status -> schedule());
    } catch (RuntimeException e) {
      // another instance scheduled it at the same moment, or the database is away: the job
      // stays as stored; the next start tries again
      log.warn("calendar rule sync not (re)scheduled: {}", e.toString());
    }
  }

  private void schedule() {
    long interval = properties.syncInterval().toMillis();
    try {
      Trigger existing = scheduler.getTrigger(TRIGGER);
      if (existing instanceof SimpleTrigger simple && simple.getRepeatInterval() == interval) {
        return;
      }
      Trigger trigger = trigger(interval);
      if (existing != null) {
        scheduler.rescheduleJob(TRIGGER, trigger);
      } else if (scheduler.checkExists(JOB)) {
        scheduler.scheduleJob(trigger);
      } else {
        JobDetail job =
            JobBuilder.newJob(CalendarRuleSyncJob.class).withIdentity(JOB).storeDurably().build();
        scheduler.scheduleJob(job, trigger);
      }
      log.info("calendar rules are synced every {}", properties.syncInterval());
    } catch (ObjectAlreadyExistsException e) {
      log.debug("calendar rule sync scheduled by another instance");
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not schedule the calendar rule sync", e);
    }
  }

  private static Trigger trigger(long intervalMillis) {
    return TriggerBuilder.newTrigger()
        .withIdentity(TRIGGER)
        .forJob(JOB)
        .startNow()
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(intervalMillis)
                .repeatForever()
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .build();
  }
}
