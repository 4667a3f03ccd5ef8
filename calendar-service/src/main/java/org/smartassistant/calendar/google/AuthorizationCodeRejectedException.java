package org.smartassistant.calendar.google;

/** Google refused the authorisation code of a callback ({@code invalid_grant}): used or expired. */
public class AuthorizationCodeRejectedException extends RuntimeException {

  public AuthorizationCodeRejectedException(String message) {
    super(message);
  }
}
