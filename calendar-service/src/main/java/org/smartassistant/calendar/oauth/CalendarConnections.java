package org.smartassistant.calendar.oauth;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.credentials.CredentialsStore;
import org.smartassistant.calendar.google.GoogleOAuth;
import org.smartassistant.calendar.google.GoogleTokens;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.calendar.AuthUrlResponse;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Connects a user's Google calendar: hands out the consent link and completes the callback (state
 * checked before anything else, code exchanged, tokens stored in rest-service, the assistant told).
 */
@Service
class CalendarConnections {

  private static final Logger log = LoggerFactory.getLogger(CalendarConnections.class);

  private final GoogleOAuth oauth;
  private final OAuthStates states;
  private final UsedStates usedStates;
  private final CredentialsStore credentials;
  private final CalendarConnectedAnnouncer announcer;
  private final RestServiceClient rest;
  private final Clock clock;

  CalendarConnections(
      GoogleOAuth oauth,
      OAuthStates states,
      UsedStates usedStates,
      CredentialsStore credentials,
      CalendarConnectedAnnouncer announcer,
      RestServiceClient rest,
      Clock clock) {
    this.oauth = oauth;
    this.states = states;
    this.usedStates = usedStates;
    this.credentials = credentials;
    this.announcer = announcer;
    this.rest = rest;
    this.clock = clock;
  }

  /**
   * A consent link for an existing user.
   *
   * @throws UnknownUserException when rest-service does not know the user
   */
  AuthUrlResponse authorizationUrl(long userId) {
    oauth.requireConfigured();
    try {
      rest.user(userId);
    } catch (HttpClientErrorException.NotFound e) {
      throw new UnknownUserException(userId);
    }
    return new AuthUrlResponse(oauth.authorizationUrl(states.issue(userId)));
  }

  /**
   * Completes a consent. The state is verified and used up first, so a forged, expired or replayed
   * state never reaches Google or rest-service.
   *
   * @return the user whose calendar is now connected
   */
  long complete(String code, String state, String error) {
    oauth.requireConfigured();
    OAuthStates.VerifiedState verified = states.verify(state);
    if (!usedStates.markUsed(
        verified.nonce(), Duration.between(clock.instant(), verified.expiresAt()))) {
      throw new InvalidStateException(
          InvalidStateException.Reason.REPLAYED, "state was already used");
    }
    if (error != null && !error.isBlank()) {
      throw new ConsentDeniedException(error);
    }
    if (code == null || code.isBlank()) {
      throw new ConsentDeniedException("missing_code");
    }
    GoogleTokens tokens = oauth.exchangeCode(code);
    if (!tokens.grantsCalendarEvents()) {
      throw new ScopeNotGrantedException(tokens.scope());
    }
    credentials.save(verified.userId(), tokens);
    log.info("user {} connected a Google calendar", verified.userId());
    announcer.announce(verified.userId(), verified.nonce());
    return verified.userId();
  }
}
