package org.smartassistant.calendar.oauth;

/**
 * The user whose calendar is to be connected (named by a consent-link request or a link's state)
 * does not exist in rest-service.
 */
public class CalendarOwnerNotFoundException extends RuntimeException {

  public CalendarOwnerNotFoundException(long userId) {
    super("no user with id " + userId);
  }
}
