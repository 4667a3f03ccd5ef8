package org.smartassistant.assistant.secretary;

/**
 * rest-service has no user with the id an envelope names: the user never registered (/start) or was
 * removed.
 */
public class UserNotRegisteredException extends RuntimeException {

  public UserNotRegisteredException(long userId) {
    super("rest-service knows no user " + userId);
  }
}
