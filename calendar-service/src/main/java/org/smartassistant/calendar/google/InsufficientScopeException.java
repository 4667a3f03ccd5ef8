package org.smartassistant.calendar.google;

/**
 * The Calendar API answered 403 because the grant lacks the calendar scope (the user unticked it on
 * Google's consent screen).
 */
public class InsufficientScopeException extends RuntimeException {

  public InsufficientScopeException(String message) {
    super(message);
  }
}
