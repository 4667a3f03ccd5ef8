package org.smartassistant.calendar.credentials;

/** The user has no Google tokens stored: the calendar was never connected, or was disconnected. */
public class CalendarNotConnectedException extends RuntimeException {

  public CalendarNotConnectedException(long userId) {
    super("user " + userId + " has not connected a Google calendar");
  }
}
