package org.smartassistant.calendar.credentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.google.AccessTokenRejectedException;
import org.smartassistant.calendar.google.GoogleOAuth;
import org.smartassistant.calendar.google.GoogleTokens;
import org.smartassistant.calendar.google.GrantRevokedException;
import org.smartassistant.calendar.google.InsufficientScopeException;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.springframework.stereotype.Service;

/**
 * Runs a Google call with a working access token of the user: refreshes the token when it has run
 * out (or Google refuses it) and stores the refreshed one in rest-service; a revoked grant becomes
 * {@link ReauthorizationRequiredException} and the stale tokens are deleted.
 */
@Service
public class GoogleAccess {

  /** Refresh a little before the expiry, so a token does not run out in flight. */
  private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(60);

  private static final Logger log = LoggerFactory.getLogger(GoogleAccess.class);

  private final CredentialsStore store;
  private final GoogleOAuth oauth;
  private final Clock clock;

  GoogleAccess(CredentialsStore store, GoogleOAuth oauth, Clock clock) {
    this.store = store;
    this.oauth = oauth;
    this.clock = clock;
  }

  /**
   * Calls {@code call} with the user's access token.
   *
   * @throws CalendarNotConnectedException when the user has no tokens
   * @throws ReauthorizationRequiredException when Google no longer honours the grant
   */
  public <T> T withAccessToken(long userId, Function<String, T> call) {
    oauth.requireConfigured();
    CalendarCredentialsDto credentials = store.require(userId);
    String accessToken =
        runsOut(credentials.expiresAt()) ? refresh(userId, credentials) : credentials.accessToken();
    try {
      return callWithScope(userId, call, accessToken);
    } catch (AccessTokenRejectedException rejected) {
      String refreshed = refresh(userId, credentials);
      try {
        return callWithScope(userId, call, refreshed);
      } catch (AccessTokenRejectedException again) {
        throw new ReauthorizationRequiredException(
            userId, "Google refused a freshly refreshed access token");
      }
    }
  }

  private boolean runsOut(Instant expiresAt) {
    return expiresAt != null && !clock.instant().isBefore(expiresAt.minus(EXPIRY_MARGIN));
  }

  private <T> T callWithScope(long userId, Function<String, T> call, String accessToken) {
    try {
      return call.apply(accessToken);
    } catch (InsufficientScopeException e) {
      store.forget(userId);
      throw new ReauthorizationRequiredException(userId, e.getMessage());
    }
  }

  private String refresh(long userId, CalendarCredentialsDto credentials) {
    GoogleTokens tokens;
    try {
      tokens = oauth.refresh(credentials.refreshToken());
    } catch (GrantRevokedException e) {
      log.info("Google grant of user {} is revoked; its tokens are deleted", userId);
      store.forget(userId);
      throw new ReauthorizationRequiredException(userId, e.getMessage());
    }
    store.save(userId, tokens);
    log.debug("refreshed the Google access token of user {}", userId);
    return tokens.accessToken();
  }
}
