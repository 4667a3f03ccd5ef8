package org.smartassistant.calendar;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * calendar-service's settings ({@code smart.calendar.*}, environment variables in
 * docs/calendar.md). Google is optional: without its client and the state secret the service runs
 * and answers "not configured".
 *
 * @param google the OAuth client and Google's endpoints
 * @param oauthState how the OAuth {@code state} is signed and how long it is valid
 * @param telegramBotUsername the bot the success page links back to ({@code t.me/<name>}), or null
 */
@Validated
@ConfigurationProperties("smart.calendar")
public record CalendarProperties(
    @DefaultValue @Valid @NotNull Google google,
    @DefaultValue @Valid @NotNull OAuthState oauthState,
    @Pattern(regexp = "@?[A-Za-z0-9_]{3,64}") String telegramBotUsername) {

  public CalendarProperties {
    telegramBotUsername = blankToNull(telegramBotUsername);
  }

  /** Whether everything the OAuth flow needs is set. */
  public boolean configured() {
    return missing().isEmpty();
  }

  /** The environment variables still to set before Google can be used. */
  public List<String> missing() {
    List<String> missing = new ArrayList<>();
    if (google.clientId() == null) {
      missing.add("GOOGLE_CLIENT_ID");
    }
    if (google.clientSecret() == null) {
      missing.add("GOOGLE_CLIENT_SECRET");
    }
    if (google.redirectUri() == null) {
      missing.add("GOOGLE_REDIRECT_URI");
    }
    if (oauthState.secret() == null) {
      missing.add("OAUTH_STATE_SECRET");
    }
    return missing;
  }

  /**
   * The public page that names the user before sending the browser to Google: {@code /auth/connect}
   * beside the {@code /auth/callback} of {@code GOOGLE_REDIRECT_URI}.
   */
  public String connectUrl() {
    java.net.URI callback = java.net.URI.create(google.redirectUri());
    String path = callback.getPath() == null ? "" : callback.getPath();
    String connectPath =
        path.endsWith("/callback")
            ? path.substring(0, path.length() - "callback".length()) + "connect"
            : "/auth/connect";
    return org.springframework.web.util.UriComponentsBuilder.fromUri(callback)
        .replacePath(connectPath)
        .replaceQuery(null)
        .fragment(null)
        .build()
        .toUriString();
  }

  /** {@code https://t.me/<bot>}, or null when no bot username is configured. */
  public String botLink() {
    return telegramBotUsername == null
        ? null
        : "https://t.me/" + telegramBotUsername.replaceFirst("^@", "");
  }

  /**
   * The Google OAuth client (a "web application" client of a Google Cloud project) and Google's
   * endpoints, which tests point at a local fake.
   *
   * @param redirectUri calendar-service's {@code /auth/callback} as the user's browser reaches it;
   *     it must be listed among the client's authorised redirect URIs
   * @param apiRoot the root of Google's REST APIs (Calendar is under {@code calendar/v3/})
   */
  public record Google(
      String clientId,
      String clientSecret,
      @Pattern(regexp = "https?://.+") String redirectUri,
      @DefaultValue(DEFAULT_AUTH_URL) @Pattern(regexp = "https?://.+") String authUrl,
      @DefaultValue(DEFAULT_TOKEN_URL) @Pattern(regexp = "https?://.+") String tokenUrl,
      @DefaultValue(DEFAULT_API_ROOT) @Pattern(regexp = "https?://.+/") String apiRoot,
      @DefaultValue("5s") @NotNull Duration connectTimeout,
      @DefaultValue("20s") @NotNull Duration readTimeout) {

    public static final String DEFAULT_AUTH_URL = "https://accounts.google.com/o/oauth2/auth";
    public static final String DEFAULT_TOKEN_URL = "https://oauth2.googleapis.com/token";
    public static final String DEFAULT_API_ROOT = "https://www.googleapis.com/";

    public Google {
      clientId = blankToNull(clientId);
      clientSecret = blankToNull(clientSecret);
      redirectUri = blankToNull(redirectUri);
      // an empty variable in .env means "the default", not "no URL"
      authUrl = orDefault(authUrl, DEFAULT_AUTH_URL);
      tokenUrl = orDefault(tokenUrl, DEFAULT_TOKEN_URL);
      apiRoot = orDefault(apiRoot, DEFAULT_API_ROOT);
      // the Google client appends "calendar/v3/" to the root: it must end with a slash
      apiRoot = apiRoot.endsWith("/") ? apiRoot : apiRoot + "/";
      connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
      readTimeout = readTimeout == null ? Duration.ofSeconds(20) : readTimeout;
    }

    @Override
    public String toString() {
      return "Google[clientId="
          + clientId
          + ", clientSecret="
          + (clientSecret == null ? null : "***")
          + ", redirectUri="
          + redirectUri
          + ", authUrl="
          + authUrl
          + ", tokenUrl="
          + tokenUrl
          + ", apiRoot="
          + apiRoot
          + "]";
    }
  }

  /**
   * The OAuth {@code state}: HMAC-SHA256 signed with {@code secret} (at least 32 characters), valid
   * for {@code ttl}, usable once.
   */
  public record OAuthState(@Size(min = 32) String secret, @DefaultValue("10m") Duration ttl) {

    public OAuthState {
      secret = blankToNull(secret);
      ttl = ttl == null ? Duration.ofMinutes(10) : ttl;
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("smart.calendar.oauth-state.ttl must be positive");
      }
    }

    @Override
    public String toString() {
      return "OAuthState[secret=" + (secret == null ? null : "***") + ", ttl=" + ttl + "]";
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
