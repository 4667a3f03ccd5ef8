package org.smartassistant.calendar.oauth;

/** Google sent the user back with an error instead of a code (e.g. {@code access_denied}). */
class ConsentDeniedException extends RuntimeException {

  ConsentDeniedException(String error) {
    super("Google answered the consent with error '" + error + "'");
  }
}
