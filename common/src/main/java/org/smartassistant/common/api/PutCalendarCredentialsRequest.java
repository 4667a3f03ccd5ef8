package org.smartassistant.common.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/**
 * Stores a user's Google tokens. {@code refreshToken} is required the first time; when it is left
 * out later (a token refresh returns none) the stored one is kept. {@link #toString()} hides the
 * tokens.
 */
public record PutCalendarCredentialsRequest(
    @NotBlank @Size(max = 8192) String accessToken,
    @Size(max = 8192) String refreshToken,
    Instant expiresAt,
    @Size(max = 2000) String scope) {

  @Override
  public String toString() {
    return "PutCalendarCredentialsRequest[accessToken=***, refreshToken=***, expiresAt="
        + expiresAt
        + ", scope="
        + scope
        + "]";
  }
}
