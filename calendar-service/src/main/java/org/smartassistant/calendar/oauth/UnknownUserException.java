package org.smartassistant.calendar.oauth;

/** rest-service knows no user with this id. */
public class UnknownUserException extends RuntimeException {

  public UnknownUserException(long userId) {
    super("no user with id " + userId);
  }
}
