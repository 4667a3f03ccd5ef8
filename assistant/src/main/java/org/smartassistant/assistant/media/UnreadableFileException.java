package org.smartassistant.assistant.media;

/**
 * A file the user sent cannot be given to the model; the message is the one sentence the user is
 * told. Not a failure of the service: the message is answered with it, not retried.
 */
class UnreadableFileException extends Exception {

  UnreadableFileException(String sentence) {
    super(sentence);
  }
}
