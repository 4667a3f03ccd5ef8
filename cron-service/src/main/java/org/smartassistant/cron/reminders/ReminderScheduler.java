package org.smartassistant.cron.reminders;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.ScheduledRemindersPage;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Keeps Quartz in step with rest-service's reminders: the active ones have a job with the triggers
 * of their current schedule, all others have none. {@link #reconcileAll()} does it for every
 * reminder (the pull), {@link #reconcile(UUID)} for one (a change event). Nothing is removed on the
 * strength of a failed or partial read: an outage of rest-service never wipes the schedule.
 */
@Component
public class ReminderScheduler {

  private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
  private static final int LOCK_STRIPES = 64;
  private static final int MAX_FAILURES_IN_A_ROW = 5;

  /** What a reconcile did to one reminder's job. */
  enum Change {
    ADDED,
    RESCHEDULED,
    REMOVED,
    UNCHANGED,
    /** The reminder is active but its schedule cannot be built; it has no job. */
    INVALID
  }

  /** What a pull did: how many reminders were active, and the changes made. */
  record PullResult(int active, Map<Change, Integer> changes) {}

  private final Scheduler scheduler;
  private final RestServiceClient restService;
  private final SchedulerProperties properties;
  private final Clock clock;
  private final QuartzTransactions transactions;
  private final Object[] locks = new Object[LOCK_STRIPES];

  ReminderScheduler(
      Scheduler scheduler,
      RestServiceClient restService,
      SchedulerProperties properties,
      Clock clock,
      PlatformTransactionManager transactionManager) {
    this.scheduler = scheduler;
    this.restService = restService;
    this.properties = properties;
    this.clock = clock;
    this.transactions = new QuartzTransactions(transactionManager);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /**
   * Reads every active reminder (all pages, following the cursor) and then reconciles: adds and
   * reschedules jobs, and removes the jobs of reminders that are no longer active. When any page
   * cannot be read the exception is thrown before anything was changed.
   */
  public PullResult reconcileAll() {
    Map<UUID, ReminderDto> active = readAllActive();
    Map<Change, Integer> changes = new HashMap<>();
    int failuresInARow = 0;
    for (ReminderDto reminder : active.values()) {
      try {
        changes.merge(reconcile(reminder), 1, Integer::sum);
        failuresInARow = 0;
      } catch (RuntimeException e) {
        log.warn("could not schedule reminder {}: {}", reminder.id(), rootCause(e));
        if (++failuresInARow == MAX_FAILURES_IN_A_ROW) {
          // the Quartz tables are unreachable: one line per reminder helps nobody
          throw new IllegalStateException("the pull stopped after repeated failures", e);
        }
      }
    }
    for (JobKey job : jobKeys()) {
      UUID id = ReminderTriggers.reminderId(job);
      if (id != null && !active.containsKey(id)) {
        try {
          // removed when rest-service confirms it is gone or not active; one created while the
          // pull ran is active and stays
          changes.merge(reconcile(id), 1, Integer::sum);
        } catch (RuntimeException e) {
          log.warn("could not check reminder {}, its job is kept: {}", id, rootCause(e));
        }
      }
    }
    return new PullResult(active.size(), Map.copyOf(changes));
  }

  private Map<UUID, ReminderDto> readAllActive() {
    Map<UUID, ReminderDto> active = new LinkedHashMap<>();
    Set<UUID> cursors = new HashSet<>();
    UUID cursor = null;
    do {
      ScheduledRemindersPage page =
          restService.scheduledReminders(cursor, properties.pullPageSize());
      for (ReminderDto reminder : page.items()) {
        active.put(reminder.id(), reminder);
      }
      cursor = page.nextCursor();
      if (cursor != null && !cursors.add(cursor)) {
        throw new IllegalStateException("the reminder cursor " + cursor + " came twice");
      }
    } while (cursor != null);
    return active;
  }

  /**
   * Reconciles one reminder with its current state in rest-service (a change event). A reminder
   * that is gone (404) or not active loses its job.
   */
  public Change reconcile(UUID id) {
    ReminderDto reminder;
    try {
      reminder = restService.reminder(id);
    } catch (HttpClientErrorException.NotFound e) {
      return remove(id) ? Change.REMOVED : Change.UNCHANGED;
    }
    return reconcile(reminder);
  }

  /** Makes the reminder's job and triggers match the reminder. */
  Change reconcile(ReminderDto reminder) {
    UUID id = reminder.id();
    synchronized (lock(id)) {
      if (reminder.status() != ReminderStatus.ACTIVE) {
        return remove(id) ? Change.REMOVED : Change.UNCHANGED;
      }
      List<Trigger> wanted;
      try {
        wanted = ReminderTriggers.triggers(reminder, clock.instant());
      } catch (InvalidScheduleException e) {
        log.warn("reminder {} cannot be scheduled: {}", id, e.getMessage());
        remove(id);
        return Change.INVALID;
      }
      return transactions.run(id, () -> apply(id, wanted));
    }
  }

  private Change apply(UUID id, List<Trigger> wanted) throws SchedulerException {
    JobKey jobKey = ReminderTriggers.jobKey(id);
    if (!scheduler.checkExists(jobKey)) {
      try {
        scheduler.scheduleJob(ReminderTriggers.job(id), Set.copyOf(wanted), false);
        return Change.ADDED;
      } catch (ObjectAlreadyExistsException e) {
        // another instance added it a moment ago: compare with what it stored
      }
    }
    Map<TriggerKey, Trigger> stored = new HashMap<>();
    for (Trigger trigger : triggersOf(id, ReminderTriggers.GROUP)) {
      stored.put(trigger.getKey(), trigger);
    }
    boolean changed = false;
    for (Trigger trigger : wanted) {
      Trigger existing = stored.remove(trigger.getKey());
      if (existing == null) {
        try {
          scheduler.scheduleJob(trigger);
          changed = true;
        } catch (ObjectAlreadyExistsException e) {
          // another instance scheduled the same reminder a moment ago
        }
      } else if (!ReminderTriggers.sameSchedule(existing, trigger)) {
        scheduler.rescheduleJob(trigger.getKey(), ReminderTriggers.replacing(existing, trigger));
        changed = true;
      }
    }
    for (TriggerKey left : stored.keySet()) {
      scheduler.unscheduleJob(left);
      changed = true;
    }
    return changed ? Change.RESCHEDULED : Change.UNCHANGED;
  }

  /** Removes a reminder's job with all its triggers; true when there was one. */
  public boolean remove(UUID id) {
    synchronized (lock(id)) {
      return transactions.run(id, () -> scheduler.deleteJob(ReminderTriggers.jobKey(id)));
    }
  }

  /** Runs a change to a reminder's Quartz job under the reminder's lock, in one transaction. */
  <T> T change(UUID id, QuartzTransactions.QuartzStep<T> step) {
    synchronized (lock(id)) {
      return transactions.run(id, step);
    }
  }

  /** The ids of all reminders that have a job. */
  Set<JobKey> jobKeys() {
    try {
      return scheduler.getJobKeys(GroupMatcher.jobGroupEquals(ReminderTriggers.GROUP));
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not list the reminder jobs", e);
    }
  }

  /**
   * The triggers of a reminder's job, of one group (null: all groups). Read without a lock, so a
   * trigger that completes while it is being read is read again.
   */
  private List<? extends Trigger> triggersOf(UUID id, String group) {
    for (int attempt = 1; ; attempt++) {
      try {
        return scheduler.getTriggersOfJob(ReminderTriggers.jobKey(id)).stream()
            .filter(trigger -> group == null || group.equals(trigger.getKey().getGroup()))
            .toList();
      } catch (SchedulerException e) {
        if (attempt == 3) {
          throw new IllegalStateException("could not read the triggers of reminder " + id, e);
        }
      }
    }
  }

  /** The innermost cause's message: what a log line needs to say why. */
  static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e.getMessage() + ": " + root;
  }

  private Object lock(UUID id) {
    return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
  }
}
