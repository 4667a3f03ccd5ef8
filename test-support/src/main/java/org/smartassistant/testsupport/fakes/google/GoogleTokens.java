package org.smartassistant.testsupport.fakes.google;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FakeGoogle}'s OAuth 2.0 token endpoint ({@code POST /token}: {@code authorization_code}
 * and {@code refresh_token} grants, client id and secret in the form or a Basic header) and the
 * codes and tokens it hands out, which the Calendar API checks. Never calls the other parts of the
 * fake, so they may call it while holding their own lock.
 */
final class GoogleTokens {

  /** An access token issued; {@code invalid} once expired or revoked by the test. */
  record AccessToken(String account, String scope, Instant expiresAt, boolean invalid) {

    AccessToken expired() {
      return new AccessToken(account, scope, expiresAt, true);
    }

    boolean usableAt(Instant now) {
      return !invalid && now.isBefore(expiresAt);
    }
  }

  private record PendingCode(
      String account, String clientId, String redirectUri, String scope, boolean offline) {}

  private record Grant(String account, String clientId, String scope, boolean revoked) {

    Grant revoke() {
      return new Grant(account, clientId, scope, true);
    }
  }

  private record TokenAnswer(int status, ObjectNode body, String error) {}

  private static final Duration DEFAULT_LIFETIME = Duration.ofSeconds(3599);

  private final JsonMapper json = JsonMapper.builder().build();

  /** Numbers codes, tokens and events alike. */
  private final AtomicLong counter = new AtomicLong();

  // everything below is guarded by this
  private final Map<String, PendingCode> codes = new HashMap<>();
  private final Map<String, AccessToken> accessTokens = new HashMap<>();
  private final Map<String, Grant> refreshTokens = new HashMap<>();
  private final Map<String, String> latestAccessToken = new HashMap<>();
  private final Map<String, String> latestRefreshToken = new HashMap<>();
  private final List<GoogleTokenRequest> tokenRequests = new ArrayList<>();
  private final Deque<Integer> tokenFaults = new ArrayDeque<>();
  private String expectedClientId;
  private String expectedClientSecret;
  private Duration accessTokenLifetime = DEFAULT_LIFETIME;
  private Clock clock = Clock.systemUTC();

  synchronized void reset() {
    codes.clear();
    accessTokens.clear();
    refreshTokens.clear();
    latestAccessToken.clear();
    latestRefreshToken.clear();
    tokenRequests.clear();
    tokenFaults.clear();
    expectedClientId = null;
    expectedClientSecret = null;
    accessTokenLifetime = DEFAULT_LIFETIME;
    clock = Clock.systemUTC();
  }

  /** The next number of the fake's codes, tokens and events. */
  long next() {
    return counter.incrementAndGet();
  }

  synchronized void expectClient(String clientId, String clientSecret) {
    expectedClientId = clientId;
    expectedClientSecret = clientSecret;
  }

  /** The only client accepted, or null for any. */
  synchronized String expectedClientId() {
    return expectedClientId;
  }

  synchronized void setAccessTokenLifetime(Duration lifetime) {
    accessTokenLifetime = lifetime;
  }

  synchronized void setClock(Clock newClock) {
    clock = newClock;
  }

  synchronized Instant now() {
    return clock.instant();
  }

  /** Refuses the access tokens issued so far: every one, or the account's when it is not null. */
  synchronized void expireAccessTokens(String account) {
    accessTokens.replaceAll(
        (token, access) ->
            account == null || access.account().equals(account) ? access.expired() : access);
  }

  /** The account's refresh tokens answer {@code invalid_grant}, its access tokens 401. */
  synchronized void revokeGrant(String account) {
    refreshTokens.replaceAll(
        (token, grant) -> grant.account().equals(account) ? grant.revoke() : grant);
    expireAccessTokens(account);
  }

  synchronized void failNextTokenRequests(int count, int status) {
    for (int i = 0; i < count; i++) {
      tokenFaults.add(status);
    }
  }

  /** A fresh authorisation code for a consent; {@code offline} codes also get a refresh token. */
  synchronized String issueCode(
      String account, String clientId, String redirectUri, String scope, boolean offline) {
    String code = "4/0Afake-code-" + next();
    codes.put(code, new PendingCode(account, clientId, redirectUri, scope, offline));
    return code;
  }

  /** The access token if the Calendar API would accept it now, else null. */
  synchronized AccessToken usable(String token) {
    AccessToken access = token == null ? null : accessTokens.get(token);
    return access != null && access.usableAt(clock.instant()) ? access : null;
  }

  synchronized String latestAccessToken(String account) {
    return latestAccessToken.get(account);
  }

  synchronized String latestRefreshToken(String account) {
    return latestRefreshToken.get(account);
  }

  synchronized List<GoogleTokenRequest> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** {@code POST /token}. */
  void token(HttpExchange exchange) throws IOException {
    Map<String, String> params =
        FakeHttpServer.parseForm(
            new String(FakeHttpServer.readBody(exchange), StandardCharsets.UTF_8));
    String basic = exchange.getRequestHeaders().getFirst("Authorization");
    if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      String[] pair =
          new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8)
              .split(":", 2);
      params.putIfAbsent("client_id", URLDecoder.decode(pair[0], StandardCharsets.UTF_8));
      if (pair.length > 1) {
        params.putIfAbsent("client_secret", URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
      }
    }
    TokenAnswer answer;
    synchronized (this) {
      answer = tokenAnswer(params);
      tokenRequests.add(new GoogleTokenRequest(params, answer.status(), answer.error()));
    }
    FakeHttpServer.respond(
        exchange,
        answer.status(),
        "application/json; charset=utf-8",
        json.writeValueAsBytes(answer.body()),
        Map.of("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate"));
  }

  private TokenAnswer tokenAnswer(Map<String, String> params) {
    Integer fault = tokenFaults.poll();
    if (fault != null) {
      return tokenError(fault, "internal_failure", "the fake was told to fail");
    }
    String clientId = params.get("client_id");
    if (clientId == null
        || (expectedClientId != null && !expectedClientId.equals(clientId))
        || (expectedClientSecret != null
            && !expectedClientSecret.equals(params.get("client_secret")))) {
      return tokenError(401, "invalid_client", "Unauthorized");
    }
    String grantType = params.getOrDefault("grant_type", "");
    return switch (grantType) {
      case "authorization_code" -> exchangeCode(params, clientId);
      case "refresh_token" -> refresh(params, clientId);
      default -> tokenError(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
    };
  }

  private TokenAnswer exchangeCode(Map<String, String> params, String clientId) {
    PendingCode code = codes.remove(params.getOrDefault("code", ""));
    if (code == null || !code.clientId().equals(clientId)) {
      // an unknown or already used code: Google's answer is this terse
      return tokenError(400, "invalid_grant", "Bad Request");
    }
    if (!code.redirectUri().equals(params.get("redirect_uri"))) {
      return tokenError(400, "redirect_uri_mismatch", "Bad Request");
    }
    ObjectNode body = issueAccessToken(code.account(), code.scope());
    if (code.offline()) {
      String refreshToken = "1//fake-refresh-" + next();
      refreshTokens.put(refreshToken, new Grant(code.account(), clientId, code.scope(), false));
      latestRefreshToken.put(code.account(), refreshToken);
      body.put("refresh_token", refreshToken);
    }
    return new TokenAnswer(200, body, null);
  }

  private TokenAnswer refresh(Map<String, String> params, String clientId) {
    Grant grant = refreshTokens.get(params.getOrDefault("refresh_token", ""));
    if (grant == null || grant.revoked() || !grant.clientId().equals(clientId)) {
      return tokenError(400, "invalid_grant", "Token has been expired or revoked.");
    }
    return new TokenAnswer(200, issueAccessToken(grant.account(), grant.scope()), null);
  }

  private ObjectNode issueAccessToken(String account, String scope) {
    String token = "ya29.fake-access-" + next();
    accessTokens.put(
        token, new AccessToken(account, scope, clock.instant().plus(accessTokenLifetime), false));
    latestAccessToken.put(account, token);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("access_token", token);
    body.put("expires_in", accessTokenLifetime.toSeconds());
    body.put("scope", scope);
    body.put("token_type", "Bearer");
    return body;
  }

  private static TokenAnswer tokenError(int status, String error, String description) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", error);
    body.put("error_description", description);
    return new TokenAnswer(status, body, error);
  }
}
