package org.smartassistant.calendar.credentials;

import org.smartassistant.calendar.google.GoogleTokens;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.api.PutCalendarCredentialsRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The users' Google tokens, kept by rest-service (encrypted there); calendar-service holds none of
 * them itself.
 */
@Component
public class CredentialsStore {

  private final RestServiceClient rest;

  CredentialsStore(RestServiceClient rest) {
    this.rest = rest;
  }

  /**
   * @throws CalendarNotConnectedException when rest-service has none for the user
   */
  CalendarCredentialsDto require(long userId) {
    try {
      return rest.calendarCredentials(userId);
    } catch (HttpClientErrorException.NotFound e) {
      throw new CalendarNotConnectedException(userId);
    }
  }

  /** Stores the tokens; a null refresh token keeps the stored one (a refresh returns none). */
  public void save(long userId, GoogleTokens tokens) {
    rest.putCalendarCredentials(
        userId,
        new PutCalendarCredentialsRequest(
            tokens.accessToken(), tokens.refreshToken(), tokens.expiresAt(), tokens.scope()));
  }

  /** Forgets a grant that no longer works; already gone is fine. */
  void forget(long userId) {
    try {
      rest.deleteCalendarCredentials(userId);
    } catch (HttpClientErrorException.NotFound e) {
      // deleted meanwhile: the outcome wanted
    }
  }
}
