package org.smartassistant.common.stream;

/**
 * A stream entry that is not a valid envelope: malformed JSON, an unknown type or field, or a
 * missing field.
 */
public class EnvelopeFormatException extends RuntimeException {

  public EnvelopeFormatException(String message) {
    super(message);
  }

  public EnvelopeFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
