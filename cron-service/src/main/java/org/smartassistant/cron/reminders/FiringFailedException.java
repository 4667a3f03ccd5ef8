package org.smartassistant.cron.reminders;

import org.smartassistant.common.api.ReminderRunStatus;

/**
 * A firing that could not be finished (rest-service or Redis unreachable); it is tried again.
 * Carries the outcome already decided, if the firing got that far, so that the retry keeps it.
 */
class FiringFailedException extends RuntimeException {

  private final transient ReminderRunStatus decided;

  FiringFailedException(ReminderRunStatus decided, Throwable cause) {
    super(cause.toString(), cause);
    this.decided = decided;
  }

  /** The outcome decided before the failure, or null. */
  ReminderRunStatus decided() {
    return decided;
  }
}
