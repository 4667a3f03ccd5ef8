package org.smartassistant.calendar.google;

/**
 * Google did not answer, answered 5xx or 429, or refused calendar-service itself (a wrong client
 * secret or redirect URI): nothing the user can fix by connecting again.
 */
public class GoogleCallFailedException extends RuntimeException {

  public GoogleCallFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  public GoogleCallFailedException(String message) {
    super(message);
  }
}
