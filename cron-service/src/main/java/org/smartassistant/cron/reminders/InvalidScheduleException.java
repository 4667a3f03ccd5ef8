package org.smartassistant.cron.reminders;

/** A reminder whose schedule (cron expression, time zone, trigger time) cannot be scheduled. */
class InvalidScheduleException extends RuntimeException {

  InvalidScheduleException(String message) {
    super(message);
  }
}
