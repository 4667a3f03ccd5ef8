package org.smartassistant.calendar.google;

import java.util.List;

/** Google Calendar cannot be used because its OAuth client or the state secret is not set. */
public class GoogleNotConfiguredException extends RuntimeException {

  private final transient List<String> missing;

  public GoogleNotConfiguredException(List<String> missing) {
    super("Google Calendar is not configured: set " + String.join(", ", missing));
    this.missing = List.copyOf(missing);
  }

  /** The environment variables to set. */
  public List<String> missing() {
    return missing;
  }
}
