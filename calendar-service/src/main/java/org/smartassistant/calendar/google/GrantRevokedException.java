package org.smartassistant.calendar.google;

/**
 * Google answered {@code invalid_grant} to a refresh: the user revoked the app's access, the
 * refresh token expired or was replaced. Only a new consent helps.
 */
public class GrantRevokedException extends RuntimeException {

  public GrantRevokedException(String message) {
    super(message);
  }
}
