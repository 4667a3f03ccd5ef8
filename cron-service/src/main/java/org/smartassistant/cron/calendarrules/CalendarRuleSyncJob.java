package org.smartassistant.cron.calendarrules;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Quartz job that syncs every calendar rule, every {@code sync-interval}. Being a clustered
 * Quartz job, one instance runs each round; a failed round is left to the next.
 */
@DisallowConcurrentExecution
class CalendarRuleSyncJob implements Job {

  private static final Logger log = LoggerFactory.getLogger(CalendarRuleSyncJob.class);

  private final CalendarRuleSync sync;

  CalendarRuleSyncJob(CalendarRuleSync sync) {
    this.sync = sync;
  }

  @Override
  public void execute(JobExecutionContext context) {
    try {
      int synced = sync.syncAll();
      log.debug("{} calendar rules synced", synced);
    } catch (RuntimeException e) {
      log.warn("calendar rules not synced this round: {}", e.toString());
    }
  }
}
