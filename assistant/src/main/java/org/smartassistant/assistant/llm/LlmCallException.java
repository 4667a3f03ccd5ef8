package org.smartassistant.assistant.llm;

/** The model gave no usable answer (after the client's own retries). */
public class LlmCallException extends RuntimeException {

  public LlmCallException(String message, Throwable cause) {
    super(message, cause);
  }
}
