package org.smartassistant.calendar.credentials;

/**
 * The stored grant no longer works (revoked, expired, or without the calendar scope): the user must
 * consent again through a fresh authorisation link.
 */
public class ReauthorizationRequiredException extends RuntimeException {

  public ReauthorizationRequiredException(long userId, String reason) {
    super("user " + userId + " must connect Google Calendar again: " + reason);
  }
}
