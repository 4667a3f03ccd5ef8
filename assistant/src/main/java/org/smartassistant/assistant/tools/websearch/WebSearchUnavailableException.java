package org.smartassistant.assistant.tools.websearch;

/** The search provider gave no usable answer; {@link #reason} says what the model is told. */
class WebSearchUnavailableException extends RuntimeException {

  /** Why the search failed, as far as the operator or the model can act on it. */
  enum Reason {
    /** The base URL or the API key is missing. */
    NOT_CONFIGURED,
    /** The provider refused the API key (or, for SearXNG, the JSON format). */
    REFUSED,
    /** The provider's rate limit or quota is used up. */
    RATE_LIMITED,
    /** Timeout, connection error, 5xx or an unreadable answer. */
    UNREACHABLE
  }

  final Reason reason;

  WebSearchUnavailableException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }
}
