package org.smartassistant.calendar.google;

/** The Calendar API answered 401 to an access token: it expired or was revoked. */
public class AccessTokenRejectedException extends RuntimeException {

  public AccessTokenRejectedException(String message) {
    super(message);
  }
}
