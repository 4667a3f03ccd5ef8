package org.smartassistant.cron.reminders;

import java.util.UUID;
import org.quartz.SchedulerException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Changes to a reminder's Quartz job, each in one database transaction. */
final class QuartzTransactions {

  private final TransactionTemplate transactions;

  QuartzTransactions(PlatformTransactionManager transactionManager) {
    this.transactions = new TransactionTemplate(transactionManager);
  }

  /** A step on the Quartz tables, run in one transaction. */
  @FunctionalInterface
  interface QuartzStep<T> {
    T run() throws SchedulerException;
  }

  /**
   * Runs the step in a database transaction. Quartz's job store takes its cluster-wide row lock
   * inside the caller's transaction, so only inside one does a change made here wait for another
   * instance's change to the same tables instead of racing it into a duplicate key.
   */
  <T> T run(UUID id, QuartzStep<T> step) {
    return transactions.execute(
        status -> {
          try {
            return step.run();
          } catch (SchedulerException e) {
            throw new IllegalStateException("could not schedule reminder " + id, e);
          }
        });
  }
}
