package org.smartassistant.calendar.google;

/** The Calendar API answered 400 to an event: Google's message says what it did not accept. */
public class EventRejectedException extends RuntimeException {

  public EventRejectedException(String message) {
    super(message);
  }
}
