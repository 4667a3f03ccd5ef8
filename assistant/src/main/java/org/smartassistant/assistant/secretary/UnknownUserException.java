package org.smartassistant.assistant.secretary;

/** The envelope names a user rest-service does not know (deleted, or never created). */
public class UnknownUserException extends RuntimeException {

  public UnknownUserException(long userId) {
    super("rest-service knows no user " + userId);
  }
}
