package org.smartassistant.calendar.google;

import com.google.api.client.auth.oauth2.AuthorizationCodeFlow;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.json.JsonFactory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.CalendarProperties;
import org.smartassistant.calendar.google.GoogleHttpConfiguration.GoogleTimeouts;
import org.springframework.stereotype.Component;

/**
 * Google's OAuth 2.0 web-server flow through google-oauth-client: the consent URL (offline access,
 * consent prompt, calendar.events scope), the code exchange and the refresh, against the configured
 * authorisation and token URLs.
 */
@Component
public class GoogleOAuth {

  /** Read and write events, nothing else of the user's calendars. */
  public static final String SCOPE = "https://www.googleapis.com/auth/calendar.events";

  /** The broader scope, which also covers events (a user may have granted it before). */
  static final String FULL_CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar";

  private static final Logger log = LoggerFactory.getLogger(GoogleOAuth.class);

  private final CalendarProperties properties;
  private final Clock clock;
  private final AuthorizationCodeFlow flow;

  GoogleOAuth(
      CalendarProperties properties,
      HttpTransport transport,
      JsonFactory jsonFactory,
      GoogleTimeouts timeouts,
      Clock clock) {
    this.properties = properties;
    this.clock = clock;
    CalendarProperties.Google google = properties.google();
    if (properties.configured()) {
      this.flow =
          new AuthorizationCodeFlow.Builder(
                  BearerToken.authorizationHeaderAccessMethod(),
                  transport,
                  jsonFactory,
                  new GenericUrl(google.tokenUrl()),
                  new ClientParametersAuthentication(google.clientId(), google.clientSecret()),
                  google.clientId(),
                  google.authUrl())
              .setScopes(List.of(SCOPE))
              .setRequestInitializer(timeouts)
              .build();
    } else {
      this.flow = null;
      log.warn(
          "Google Calendar is not configured (missing {}): calendar calls answer 503",
          properties.missing());
    }
  }

  /**
   * @throws GoogleNotConfiguredException when the OAuth client or the state secret is missing
   */
  public void requireConfigured() {
    if (flow == null) {
      throw new GoogleNotConfiguredException(properties.missing());
    }
  }

  /** The consent URL carrying the state; the refresh token comes only with offline + consent. */
  public String authorizationUrl(String state) {
    requireConfigured();
    return flow.newAuthorizationUrl()
        .setRedirectUri(properties.google().redirectUri())
        .setState(state)
        .set("access_type", "offline")
        .set("prompt", "consent")
        .build();
  }

  /**
   * Exchanges the code of a callback for tokens.
   *
   * @throws AuthorizationCodeRejectedException when Google refuses the code (used or expired)
   * @throws GoogleCallFailedException when Google fails or refuses this client
   */
  public GoogleTokens exchangeCode(String code) {
    requireConfigured();
    try {
      TokenResponse response =
          flow.newTokenRequest(code).setRedirectUri(properties.google().redirectUri()).execute();
      return tokens(response);
    } catch (TokenResponseException e) {
      if ("invalid_grant".equals(errorOf(e))) {
        throw new AuthorizationCodeRejectedException(
            "Google refused the authorisation code: " + describe(e));
      }
      throw new GoogleCallFailedException("Google's token endpoint answered " + describe(e), e);
    } catch (IOException e) {
      throw new GoogleCallFailedException("Google's token endpoint did not answer: " + e, e);
    }
  }

  /**
   * A fresh access token for the refresh token.
   *
   * @throws GrantRevokedException when Google answers {@code invalid_grant}
   * @throws GoogleCallFailedException when Google fails or refuses this client
   */
  public GoogleTokens refresh(String refreshToken) {
    requireConfigured();
    try {
      TokenResponse response =
          new RefreshTokenRequest(
                  flow.getTransport(),
                  flow.getJsonFactory(),
                  new GenericUrl(flow.getTokenServerEncodedUrl()),
                  refreshToken)
              .setClientAuthentication(flow.getClientAuthentication())
              .setRequestInitializer(flow.getRequestInitializer())
              .execute();
      return tokens(response);
    } catch (TokenResponseException e) {
      if ("invalid_grant".equals(errorOf(e))) {
        throw new GrantRevokedException("Google refused the refresh token: " + describe(e));
      }
      throw new GoogleCallFailedException("Google's token endpoint answered " + describe(e), e);
    } catch (IOException e) {
      throw new GoogleCallFailedException("Google's token endpoint did not answer: " + e, e);
    }
  }

  private GoogleTokens tokens(TokenResponse response) {
    Long expiresIn = response.getExpiresInSeconds();
    Instant expiresAt = expiresIn == null ? null : clock.instant().plusSeconds(expiresIn);
    return new GoogleTokens(
        response.getAccessToken(), response.getRefreshToken(), expiresAt, response.getScope());
  }

  private static String errorOf(TokenResponseException e) {
    return e.getDetails() == null ? null : e.getDetails().getError();
  }

  private static String describe(TokenResponseException e) {
    String error = errorOf(e);
    String description = e.getDetails() == null ? null : e.getDetails().getErrorDescription();
    return e.getStatusCode()
        + (error == null ? "" : " " + error)
        + (description == null ? "" : " (" + description + ")");
  }
}
