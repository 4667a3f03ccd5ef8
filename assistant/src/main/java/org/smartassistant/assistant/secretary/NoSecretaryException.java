package org.smartassistant.assistant.secretary;

/** The user has no active secretary and no active default secretary is configured. */
public class NoSecretaryException extends RuntimeException {

  public NoSecretaryException(long userId) {
    super("user " + userId + " has no active secretary and there is no active default");
  }
}
