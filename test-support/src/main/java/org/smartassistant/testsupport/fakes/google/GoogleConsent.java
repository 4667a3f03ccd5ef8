package org.smartassistant.testsupport.fakes.google;

import com.sun.net.httpserver.HttpExchange;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;

/**
 * {@link FakeGoogle}'s OAuth 2.0 consent page ({@code GET /o/oauth2/auth}, answered with a 302 to
 * the {@code redirect_uri} carrying {@code code} and {@code state}), also reachable without HTTP
 * through {@link #consent}: who consents, whether the user refuses or unticks a scope, and every
 * visit recorded.
 */
final class GoogleConsent {

  private final GoogleTokens tokens;

  // everything below is guarded by this
  private final List<GoogleAuthorizationRequest> authorizations = new ArrayList<>();
  private String consentingAccount = FakeGoogle.DEFAULT_ACCOUNT;
  private boolean denyNextConsent;
  private String grantedScope;

  GoogleConsent(GoogleTokens tokens) {
    this.tokens = tokens;
  }

  synchronized void reset() {
    authorizations.clear();
    consentingAccount = FakeGoogle.DEFAULT_ACCOUNT;
    denyNextConsent = false;
    grantedScope = null;
  }

  synchronized void setConsentingAccount(String account) {
    consentingAccount = account;
  }

  synchronized void denyNextConsent() {
    denyNextConsent = true;
  }

  synchronized void grantOnlyScope(String scope) {
    grantedScope = scope;
  }

  synchronized List<GoogleAuthorizationRequest> authorizationRequests() {
    return List.copyOf(authorizations);
  }

  /** The query parameters of an authorisation URL. */
  static Map<String, String> paramsOf(String url) {
    return FakeHttpServer.parseForm(URI.create(url).getRawQuery());
  }

  /** {@code GET /o/oauth2/auth}: the redirect, or Google's error page for a bad request. */
  void authorize(HttpExchange exchange) {
    Map<String, String> params = FakeHttpServer.parseForm(exchange.getRequestURI().getRawQuery());
    String location;
    try {
      location = consent(params, null, false);
    } catch (IllegalArgumentException e) {
      byte[] page =
          ("<html><body><h1>Error 400: " + e.getMessage() + "</h1></body></html>")
              .getBytes(StandardCharsets.UTF_8);
      FakeHttpServer.respond(exchange, 400, "text/html; charset=utf-8", page);
      return;
    }
    FakeHttpServer.respond(exchange, 302, null, new byte[0], Map.of("Location", location));
  }

  /**
   * Consents (or refuses) as the account given, else the URL's {@code login_hint}, else the
   * consenting account; returns the URL Google redirects the browser to.
   *
   * @throws IllegalArgumentException when the parameters lack what Google requires or name another
   *     client
   */
  synchronized String consent(Map<String, String> params, String account, boolean deny) {
    String clientId = params.get("client_id");
    String redirectUri = params.get("redirect_uri");
    String scope = params.get("scope");
    if (!"code".equals(params.get("response_type"))) {
      throw new IllegalArgumentException("invalid_request: response_type must be 'code'");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("invalid_request: missing client_id");
    }
    String expectedClientId = tokens.expectedClientId();
    if (expectedClientId != null && !expectedClientId.equals(clientId)) {
      throw new IllegalArgumentException("invalid_client: the OAuth client was not found");
    }
    if (redirectUri == null || !redirectUri.matches("https?://.+")) {
      throw new IllegalArgumentException("invalid_request: missing or relative redirect_uri");
    }
    if (scope == null || scope.isBlank()) {
      throw new IllegalArgumentException("invalid_request: missing scope");
    }
    String who = account != null ? account : params.getOrDefault("login_hint", consentingAccount);
    boolean refused = deny || denyNextConsent;
    denyNextConsent = false;
    authorizations.add(new GoogleAuthorizationRequest(params, refused ? null : who));
    StringBuilder location = new StringBuilder(redirectUri);
    location.append(redirectUri.contains("?") ? '&' : '?');
    if (refused) {
      location.append("error=access_denied");
    } else {
      String granted = grantedScope != null ? grantedScope : scope;
      boolean offline = "offline".equals(params.get("access_type"));
      boolean prompted = params.getOrDefault("prompt", "").contains("consent");
      String code = tokens.issueCode(who, clientId, redirectUri, granted, offline && prompted);
      location.append("code=").append(encode(code)).append("&scope=").append(encode(granted));
    }
    if (params.containsKey("state")) {
      location.append("&state=").append(encode(params.get("state")));
    }
    return location.toString();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
