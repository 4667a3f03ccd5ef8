package org.smartassistant.common.api;

import java.time.Instant;

/**
 * A user's Google Calendar tokens, stored encrypted by rest-service and returned in clear only to
 * authenticated services. {@link #toString()} hides the tokens so they never reach a log.
 */
public record CalendarCredentialsDto(
    Long userId,
    String accessToken,
    String refreshToken,
    Instant expiresAt,
    String scope,
    Instant createdAt,
    Instant updatedAt) {

  @Override
  public String toString() {
    return "CalendarCredentialsDto[userId="
        + userId
        + ", accessToken=***, refreshToken=***, expiresAt="
        + expiresAt
        + ", scope="
        + scope
        + "]";
  }
}
