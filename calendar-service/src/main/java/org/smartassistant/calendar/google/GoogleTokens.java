package org.smartassistant.calendar.google;

import java.time.Instant;
import java.util.Arrays;

/**
 * Tokens from Google's token endpoint. {@code refreshToken} is null after a refresh (Google keeps
 * the old one valid); {@link #toString()} hides the tokens so they never reach a log.
 */
public record GoogleTokens(
    String accessToken, String refreshToken, Instant expiresAt, String scope) {

  /** Whether the granted scopes let the app read and write events. */
  public boolean grantsCalendarEvents() {
    return scope != null
        && Arrays.stream(scope.split(" "))
            .anyMatch(
                s -> s.equals(GoogleOAuth.SCOPE) || s.equals(GoogleOAuth.FULL_CALENDAR_SCOPE));
  }

  @Override
  public String toString() {
    return "GoogleTokens[accessToken=***, refreshToken="
        + (refreshToken == null ? null : "***")
        + ", expiresAt="
        + expiresAt
        + ", scope="
        + scope
        + "]";
  }
}
