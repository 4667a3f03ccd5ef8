package org.smartassistant.calendar.oauth;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.CalendarProperties;
import org.smartassistant.calendar.credentials.CredentialsStore;
import org.smartassistant.calendar.google.GoogleOAuth;
import org.smartassistant.calendar.google.GoogleTokens;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.calendar.AuthUrlResponse;
import org.springframework.stereotype.Service;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.util.UriComponentsBuilder;

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
  private final CalendarConnectedPublisher calendarConnected;
  private final RestServiceClient rest;
  private final Clock clock;
  private final CalendarProperties properties;

  CalendarConnections(
      GoogleOAuth oauth,
      OAuthStates states,
      UsedStates usedStates,
      CredentialsStore credentials,
      CalendarConnectedPublisher calendarConnected,
      RestServiceClient rest,
      Clock clock,
      CalendarProperties properties) {
    this.oauth = oauth;
    this.states = states;
    this.usedStates = usedStates;
    this.credentials = credentials;
    this.calendarConnected = calendarConnected;
    this.rest = rest;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * A consent link for an existing user: calendar-service's public {@code /auth/connect} page with
   * a signed, expiring state; the page names the user and links on to Google.
   *
   * @throws CalendarOwnerNotFoundException when rest-service does not know the user
   */
  AuthUrlResponse authorizationUrl(long userId) {
    oauth.requireConfigured();
    try {
      rest.user(userId);
    } catch (HttpClientErrorException.NotFound e) {
      throw new CalendarOwnerNotFoundException(userId);
    }
    return new AuthUrlResponse(
        UriComponentsBuilder.fromUriString(properties.connectUrl())
            .queryParam("state", states.issue(userId))
            .encode()
            .build()
            .toUriString());
  }

  /** Who the calendar will be connected to, and Google's consent URL for the same state. */
  record Consent(String userLabel, String googleUrl) {}

  /**
   * The first hop of a link: the state is verified (not used up: the callback does that) and the
   * user it names is looked up, so the page can say whose calendar is being connected.
   */
  Consent consent(String state) {
    oauth.requireConfigured();
    OAuthStates.VerifiedState verified = states.verify(state);
    UserDto user;
    try {
      user = rest.user(verified.userId());
    } catch (HttpClientErrorException.NotFound e) {
      throw new CalendarOwnerNotFoundException(verified.userId());
    }
    return new Consent(label(user), oauth.authorizationUrl(state));
  }

  private static String label(UserDto user) {
    String name =
        user.preferredName() != null && !user.preferredName().isBlank()
            ? user.preferredName()
            : user.firstName();
    String username =
        user.username() == null || user.username().isBlank() ? null : "@" + user.username();
    if (name != null && !name.isBlank()) {
      return username == null ? name : name + " (" + username + ")";
    }
    return username != null ? username : "Telegram user " + user.telegramId();
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
    calendarConnected.publish(verified.userId(), verified.nonce());
    return verified.userId();
  }
}
