package org.smartassistant.testsupport.fakes.google;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local Google speaking the real wire protocols the calendar needs, so google-api-client and
 * google-oauth-client run against it unchanged: the OAuth 2.0 consent page ({@code GET
 * /o/oauth2/auth}, answered with a 302 to the {@code redirect_uri} carrying {@code code} and {@code
 * state}), the token endpoint ({@code POST /token}: {@code authorization_code} and {@code
 * refresh_token} grants, form bodies, gzip inflated) and Calendar v3 events ({@code GET|POST
 * /calendar/v3/calendars/{calendarId}/events}, {@code GET .../events/{eventId}}, Bearer tokens
 * checked, events kept per Google account). An inserted event may bring its own {@code id} as
 * Google allows (base32hex, 5–1024 characters: else 400); an id the calendar has is refused with
 * Google's 409 {@code duplicate}.
 *
 * <p>Point a client at {@link #authorizationUrl()}, {@link #tokenUrl()} and {@link #apiRootUrl()}.
 * A test consents either by GETting the authorisation URL over HTTP (as a browser would) or by
 * {@link #approve(String)}, which returns the redirect URL to follow. Faults: {@link
 * #expireAccessTokens()} (the next call answers 401 so the client refreshes), {@link
 * #revokeGrant(String)} ({@code invalid_grant} on refresh), {@link #denyNextConsent()}, {@link
 * #grantOnlyScope(String)}, {@link #failNextTokenRequests(int, int)}.
 */
public final class FakeGoogle implements AutoCloseable {

  /** The scope calendar-service asks for. */
  public static final String CALENDAR_EVENTS_SCOPE =
      "https://www.googleapis.com/auth/calendar.events";

  /** The account that consents when a test names none. */
  public static final String DEFAULT_ACCOUNT = "user@example.com";

  public static final String AUTHORIZE_PATH = "/o/oauth2/auth";
  public static final String TOKEN_PATH = "/token";

  private static final String CALENDARS_PREFIX = "/calendar/v3/calendars/";
  private static final Set<String> CALENDAR_SCOPES =
      Set.of(CALENDAR_EVENTS_SCOPE, "https://www.googleapis.com/auth/calendar");
  private static final int DEFAULT_MAX_RESULTS = 250;
  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private final FakeHttpServer http;

  /** The event ids Google accepts from a client. */
  private static final Pattern CLIENT_EVENT_ID = Pattern.compile("[a-v0-9]{5,1024}");

  private final JsonMapper json = JsonMapper.builder().build();

  // everything below is guarded by this
  private final Map<String, PendingCode> codes = new HashMap<>();
  private final Map<String, AccessToken> accessTokens = new HashMap<>();
  private final Map<String, Grant> refreshTokens = new HashMap<>();
  private final Map<String, String> latestAccessToken = new HashMap<>();
  private final Map<String, String> latestRefreshToken = new HashMap<>();
  private final Map<String, List<ObjectNode>> eventsByAccount = new LinkedHashMap<>();
  private final Map<String, String> calendarZones = new HashMap<>();
  private final List<GoogleAuthorizationRequest> authorizations = new ArrayList<>();
  private final List<GoogleTokenRequest> tokenRequests = new ArrayList<>();
  private final List<String> calendarCalls = new ArrayList<>();
  private final Deque<Integer> tokenFaults = new ArrayDeque<>();
  private String expectedClientId;
  private String expectedClientSecret;
  private String consentingAccount = DEFAULT_ACCOUNT;
  private boolean denyNextConsent;
  private String grantedScope;
  private Duration accessTokenLifetime = Duration.ofSeconds(3599);
  private Clock clock = Clock.systemUTC();
  private long counter;

  /** A fake on a free port; call {@link #start()}. */
  public FakeGoogle() {
    this(0);
  }

  /** A fake on the given port (0 for a free one); call {@link #start()}. */
  public FakeGoogle(int port) {
    this.http = new FakeHttpServer("fake-google", port, this::handle);
  }

  /**
   * Starts listening on 127.0.0.1; returns this for {@code try (var google = new ...().start())}.
   */
  public FakeGoogle start() {
    http.start();
    return this;
  }

  @Override
  public void close() {
    http.stop();
  }

  /** {@code http://127.0.0.1:<port>} */
  public String baseUrl() {
    return "http://127.0.0.1:" + http.port();
  }

  /** The consent page, for {@code GOOGLE_AUTH_URL}. */
  public String authorizationUrl() {
    return baseUrl() + AUTHORIZE_PATH;
  }

  /** The token endpoint, for {@code GOOGLE_TOKEN_URL}. */
  public String tokenUrl() {
    return baseUrl() + TOKEN_PATH;
  }

  /** The API root with its trailing slash, for {@code GOOGLE_API_ROOT} ({@code setRootUrl}). */
  public String apiRootUrl() {
    return baseUrl() + "/";
  }

  /** Forgets codes, tokens, events, records and faults, and restores the defaults. */
  public synchronized void reset() {
    codes.clear();
    accessTokens.clear();
    refreshTokens.clear();
    latestAccessToken.clear();
    latestRefreshToken.clear();
    eventsByAccount.clear();
    calendarZones.clear();
    authorizations.clear();
    tokenRequests.clear();
    calendarCalls.clear();
    tokenFaults.clear();
    expectedClientId = null;
    expectedClientSecret = null;
    consentingAccount = DEFAULT_ACCOUNT;
    denyNextConsent = false;
    grantedScope = null;
    accessTokenLifetime = Duration.ofSeconds(3599);
    clock = Clock.systemUTC();
  }

  // ---------------------------------------------------------------- configuration

  /**
   * Only this OAuth client is accepted: another {@code client_id} on the consent page is an error,
   * a wrong id or secret at the token endpoint answers 401 {@code invalid_client}.
   */
  public synchronized FakeGoogle expectClient(String clientId, String clientSecret) {
    expectedClientId = clientId;
    expectedClientSecret = clientSecret;
    return this;
  }

  /** The account that consents from now on when the authorisation URL has no {@code login_hint}. */
  public synchronized FakeGoogle setConsentingAccount(String account) {
    consentingAccount = account;
    return this;
  }

  /** The next consent is refused by the user: the redirect carries {@code error=access_denied}. */
  public synchronized FakeGoogle denyNextConsent() {
    denyNextConsent = true;
    return this;
  }

  /**
   * From now on the user grants only this scope, whatever was asked (Google's granular consent lets
   * a user untick a permission); null restores "as asked".
   */
  public synchronized FakeGoogle grantOnlyScope(String scope) {
    grantedScope = scope;
    return this;
  }

  /** How long new access tokens live ({@code expires_in}); default 3599 s, as Google's. */
  public synchronized FakeGoogle setAccessTokenLifetime(Duration lifetime) {
    accessTokenLifetime = lifetime;
    return this;
  }

  /** The clock that decides whether an access token has run out. */
  public synchronized FakeGoogle setClock(Clock newClock) {
    clock = newClock;
    return this;
  }

  /** The time zone of the account's primary calendar (default UTC). */
  public synchronized FakeGoogle setCalendarTimeZone(String account, String zone) {
    calendarZones.put(account, ZoneId.of(zone).getId());
    return this;
  }

  // ---------------------------------------------------------------- faults

  /**
   * Every access token issued so far is refused with 401 from now on; refresh tokens still work.
   */
  public synchronized FakeGoogle expireAccessTokens() {
    accessTokens.replaceAll((token, access) -> access.expired());
    return this;
  }

  /** The account's access tokens issued so far are refused with 401 from now on. */
  public synchronized FakeGoogle expireAccessTokens(String account) {
    accessTokens.replaceAll(
        (token, access) -> access.account().equals(account) ? access.expired() : access);
    return this;
  }

  /**
   * The user revoked the app's access: the account's refresh tokens answer {@code invalid_grant}
   * and its access tokens 401.
   */
  public synchronized FakeGoogle revokeGrant(String account) {
    refreshTokens.replaceAll(
        (token, grant) -> grant.account().equals(account) ? grant.revoke() : grant);
    return expireAccessTokens(account);
  }

  /** The next {@code count} token requests answer with this status (e.g. 500, 503). */
  public synchronized FakeGoogle failNextTokenRequests(int count, int status) {
    for (int i = 0; i < count; i++) {
      tokenFaults.add(status);
    }
    return this;
  }

  // ---------------------------------------------------------------- consent

  /**
   * Consents as the current account (or the URL's {@code login_hint}) to the authorisation URL a
   * client built, as a user clicking "Allow" would; returns the URL Google redirects the browser
   * to: the {@code redirect_uri} with {@code code}, {@code state} and {@code scope}.
   *
   * @throws IllegalArgumentException when the URL lacks what Google requires (client_id,
   *     redirect_uri, scope, response_type=code) or names another client
   */
  public String approve(String authorizationUrl) {
    return approve(authorizationUrl, null);
  }

  /** Consents as the given Google account; see {@link #approve(String)}. */
  public String approve(String authorizationUrl, String account) {
    return consent(paramsOf(authorizationUrl), account, false);
  }

  /**
   * The user clicks "Cancel": the redirect URL carries {@code error=access_denied} and the state.
   */
  public String deny(String authorizationUrl) {
    return consent(paramsOf(authorizationUrl), null, true);
  }

  private static Map<String, String> paramsOf(String url) {
    return FakeHttpServer.parseForm(URI.create(url).getRawQuery());
  }

  private synchronized String consent(Map<String, String> params, String account, boolean deny) {
    String clientId = params.get("client_id");
    String redirectUri = params.get("redirect_uri");
    String scope = params.get("scope");
    if (!"code".equals(params.get("response_type"))) {
      throw new IllegalArgumentException("invalid_request: response_type must be 'code'");
    }
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("invalid_request: missing client_id");
    }
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
      String code = "4/0Afake-code-" + (++counter);
      boolean offline = "offline".equals(params.get("access_type"));
      boolean prompted = params.getOrDefault("prompt", "").contains("consent");
      codes.put(code, new PendingCode(who, clientId, redirectUri, granted, offline && prompted));
      location.append("code=").append(encode(code)).append("&scope=").append(encode(granted));
    }
    if (params.containsKey("state")) {
      location.append("&state=").append(encode(params.get("state")));
    }
    return location.toString();
  }

  // ---------------------------------------------------------------- seeding and reading back

  /** Puts a timed event in the account's primary calendar. */
  public FakeGoogleEvent addEvent(
      String account, String summary, OffsetDateTime start, OffsetDateTime end) {
    ObjectNode event = json.createObjectNode();
    event.put("summary", summary);
    event.putObject("start").put("dateTime", RFC3339.format(start));
    event.putObject("end").put("dateTime", RFC3339.format(end));
    return store(account, event);
  }

  /** Puts an all-day event (end date exclusive) in the account's primary calendar. */
  public FakeGoogleEvent addAllDayEvent(
      String account, String summary, LocalDate start, LocalDate endExclusive) {
    ObjectNode event = json.createObjectNode();
    event.put("summary", summary);
    event.putObject("start").put("date", start.toString());
    event.putObject("end").put("date", endExclusive.toString());
    return store(account, event);
  }

  /** The events in the account's primary calendar, in the order they were added. */
  public synchronized List<FakeGoogleEvent> events(String account) {
    return eventsByAccount.getOrDefault(account, List.of()).stream()
        .map(event -> toRecord(account, event))
        .toList();
  }

  /** The newest access token issued to the account, or null. */
  public synchronized String latestAccessToken(String account) {
    return latestAccessToken.get(account);
  }

  /** The newest refresh token issued to the account, or null. */
  public synchronized String latestRefreshToken(String account) {
    return latestRefreshToken.get(account);
  }

  /** Whether the Calendar API would accept this access token now. */
  public synchronized boolean acceptsAccessToken(String token) {
    AccessToken access = accessTokens.get(token);
    return access != null && access.usableAt(clock.instant());
  }

  /** Every visit of the consent page (over HTTP or through {@link #approve}). */
  public synchronized List<GoogleAuthorizationRequest> authorizationRequests() {
    return List.copyOf(authorizations);
  }

  public synchronized List<GoogleTokenRequest> tokenRequests() {
    return List.copyOf(tokenRequests);
  }

  /** Token requests of one grant type: {@code authorization_code} or {@code refresh_token}. */
  public synchronized List<GoogleTokenRequest> tokenRequests(String grantType) {
    return tokenRequests.stream().filter(r -> grantType.equals(r.grantType())).toList();
  }

  /** Calendar API calls as {@code "GET primary 200"}: method, calendar id, answer status. */
  public synchronized List<String> calendarCalls() {
    return List.copyOf(calendarCalls);
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    if (path.equals(AUTHORIZE_PATH) && method.equals("GET")) {
      authorize(exchange);
    } else if (path.equals(TOKEN_PATH) && method.equals("POST")) {
      token(exchange);
    } else if (path.startsWith(CALENDARS_PREFIX) && path.matches(".*/events/[^/]+")) {
      int events = path.lastIndexOf("/events/");
      String calendarId =
          URLDecoder.decode(
              path.substring(CALENDARS_PREFIX.length(), events), StandardCharsets.UTF_8);
      String eventId =
          URLDecoder.decode(path.substring(events + "/events/".length()), StandardCharsets.UTF_8);
      calendarEvent(exchange, method, calendarId, eventId);
    } else if (path.startsWith(CALENDARS_PREFIX) && path.endsWith("/events")) {
      String calendarId =
          URLDecoder.decode(
              path.substring(CALENDARS_PREFIX.length(), path.length() - "/events".length()),
              StandardCharsets.UTF_8);
      calendarEvents(exchange, method, calendarId);
    } else {
      apiError(exchange, 404, "Not Found", "notFound", "NOT_FOUND", Map.of());
    }
  }

  private void authorize(HttpExchange exchange) {
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

  private void token(HttpExchange exchange) throws IOException {
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
      String refreshToken = "1//fake-refresh-" + (++counter);
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
    String token = "ya29.fake-access-" + (++counter);
    accessTokens.put(
        token, new AccessToken(account, scope, clock.instant().plus(accessTokenLifetime), false));
    latestAccessToken.put(account, token);
    ObjectNode body = json.createObjectNode();
    body.put("access_token", token);
    body.put("expires_in", accessTokenLifetime.toSeconds());
    body.put("scope", scope);
    body.put("token_type", "Bearer");
    return body;
  }

  private TokenAnswer tokenError(int status, String error, String description) {
    ObjectNode body = json.createObjectNode();
    body.put("error", error);
    body.put("error_description", description);
    return new TokenAnswer(status, body, error);
  }

  /** {@code GET /calendars/{calendarId}/events/{eventId}}: one event by its id. */
  private void calendarEvent(
      HttpExchange exchange, String method, String calendarId, String eventId) throws IOException {
    FakeHttpServer.readBody(exchange);
    String token = bearerOf(exchange);
    ApiAnswer answer;
    synchronized (this) {
      answer = accessProblem(calendarId, token);
      if (answer == null) {
        answer =
            method.equals("GET")
                ? eventById(accessTokens.get(token).account(), eventId)
                : new ApiAnswer(405, null, "Method Not Allowed");
      }
      calendarCalls.add(method + " " + calendarId + "/" + eventId + " " + answer.status());
    }
    send(exchange, answer);
  }

  private ApiAnswer eventById(String account, String eventId) {
    return eventsByAccount.getOrDefault(account, List.of()).stream()
        .filter(event -> eventId.equals(text(event, "id")))
        .findFirst()
        .map(event -> new ApiAnswer(200, event.deepCopy(), null))
        .orElse(new ApiAnswer(404, null, "Not Found"));
  }

  private static String bearerOf(HttpExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        ? authorization.substring(7).trim()
        : null;
  }

  private void calendarEvents(HttpExchange exchange, String method, String calendarId)
      throws IOException {
    byte[] requestBody = FakeHttpServer.readBody(exchange);
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    String token =
        authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
            ? authorization.substring(7).trim()
            : null;
    ApiAnswer answer;
    synchronized (this) {
      answer =
          calendarAnswer(
              method, calendarId, token, exchange.getRequestURI().getRawQuery(), requestBody);
      calendarCalls.add(method + " " + calendarId + " " + answer.status());
    }
    send(exchange, answer);
  }

  private void send(HttpExchange exchange, ApiAnswer answer) {
    if (answer.body() != null) {
      FakeHttpServer.respond(
          exchange,
          answer.status(),
          "application/json; charset=UTF-8",
          json.writeValueAsBytes(answer.body()));
    } else if (answer.status() == 401) {
      apiError(
          exchange,
          401,
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
              + " cookie or other valid authentication credential.",
          "authError",
          "UNAUTHENTICATED",
          Map.of(
              "WWW-Authenticate",
              "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\""));
    } else if (answer.status() == 403) {
      apiError(
          exchange, 403, answer.error(), "insufficientPermissions", "PERMISSION_DENIED", Map.of());
    } else if (answer.status() == 404) {
      apiError(exchange, 404, answer.error(), "notFound", "NOT_FOUND", Map.of());
    } else if (answer.status() == 409) {
      apiError(exchange, 409, answer.error(), "duplicate", "ALREADY_EXISTS", Map.of());
    } else {
      apiError(
          exchange, answer.status(), answer.error(), "badRequest", "INVALID_ARGUMENT", Map.of());
    }
  }

  private ApiAnswer calendarAnswer(
      String method, String calendarId, String token, String rawQuery, byte[] requestBody) {
    ApiAnswer refused = accessProblem(calendarId, token);
    if (refused != null) {
      return refused;
    }
    AccessToken access = accessTokens.get(token);
    return switch (method) {
      case "GET" -> list(access.account(), rawQuery);
      case "POST" -> insert(access.account(), requestBody);
      default -> new ApiAnswer(405, null, "Method Not Allowed");
    };
  }

  /** Why the token may not use the calendar, or null when it may. */
  private ApiAnswer accessProblem(String calendarId, String token) {
    AccessToken access = token == null ? null : accessTokens.get(token);
    if (access == null || !access.usableAt(clock.instant())) {
      return new ApiAnswer(401, null, "Invalid Credentials");
    }
    if (CALENDAR_SCOPES.stream().noneMatch(s -> access.scope().contains(s))) {
      return new ApiAnswer(403, null, "Request had insufficient authentication scopes.");
    }
    if (!calendarId.equals("primary") && !calendarId.equals(access.account())) {
      return new ApiAnswer(404, null, "Not Found");
    }
    return null;
  }

  private ApiAnswer list(String account, String rawQuery) {
    Map<String, String> query = FakeHttpServer.parseForm(rawQuery);
    ZoneId zone = zoneOf(account);
    Instant timeMin;
    Instant timeMax;
    int maxResults;
    int offset;
    try {
      timeMin = query.containsKey("timeMin") ? parseRfc3339(query.get("timeMin")) : null;
      timeMax = query.containsKey("timeMax") ? parseRfc3339(query.get("timeMax")) : null;
      maxResults =
          Math.min(
              2500, Integer.parseInt(query.getOrDefault("maxResults", "" + DEFAULT_MAX_RESULTS)));
      offset = Integer.parseInt(query.getOrDefault("pageToken", "0"));
    } catch (DateTimeParseException | NumberFormatException e) {
      return new ApiAnswer(400, null, "Bad Request");
    }
    List<ObjectNode> matching =
        eventsByAccount.getOrDefault(account, List.of()).stream()
            .filter(
                event -> {
                  FakeGoogleEvent view = toRecord(account, event);
                  Instant start = view.start().instant(zone);
                  Instant end = view.end().instant(zone);
                  return (timeMin == null || end.isAfter(timeMin))
                      && (timeMax == null || start.isBefore(timeMax));
                })
            .sorted(Comparator.comparing(event -> toRecord(account, event).start().instant(zone)))
            .toList();
    ObjectNode body = json.createObjectNode();
    body.put("kind", "calendar#events");
    body.put("etag", "\"fake-" + matching.size() + "\"");
    body.put("summary", account);
    body.put("updated", RFC3339.format(clock.instant().atOffset(ZoneOffset.UTC)));
    body.put("timeZone", zone.getId());
    body.put("accessRole", "owner");
    body.putArray("defaultReminders");
    int end = Math.min(matching.size(), offset + maxResults);
    var items = body.putArray("items");
    for (int i = offset; i < end; i++) {
      items.add(matching.get(i).deepCopy());
    }
    if (end < matching.size()) {
      body.put("nextPageToken", Integer.toString(end));
    }
    return new ApiAnswer(200, body, null);
  }

  private ApiAnswer insert(String account, byte[] requestBody) {
    JsonNode parsed;
    try {
      parsed = json.readTree(requestBody);
    } catch (JacksonException e) {
      return new ApiAnswer(400, null, "Parse Error");
    }
    if (parsed == null || !parsed.isObject()) {
      return new ApiAnswer(400, null, "Parse Error");
    }
    ObjectNode event = ((ObjectNode) parsed).deepCopy();
    String givenId = text(event, "id");
    if (givenId != null) {
      // Google: base32hex characters (a-v, 0-9), 5 to 1024 long, unique in the calendar
      if (!CLIENT_EVENT_ID.matcher(givenId).matches()) {
        return new ApiAnswer(400, null, "Invalid resource id value.");
      }
      if (eventById(account, givenId).status() == 200) {
        return new ApiAnswer(409, null, "The requested identifier already exists.");
      }
    }
    String problem = normaliseTimes(event);
    if (problem != null) {
      return new ApiAnswer(400, null, problem);
    }
    storeLocked(account, event);
    return new ApiAnswer(200, event.deepCopy(), null);
  }

  /** Google's rules for start/end; stores dateTimes with their offset. Null when valid. */
  private static String normaliseTimes(ObjectNode event) {
    JsonNode start = event.get("start");
    JsonNode end = event.get("end");
    if (start == null || !start.isObject()) {
      return "Missing start time.";
    }
    if (end == null || !end.isObject()) {
      return "Missing end time.";
    }
    boolean startIsDate = start.hasNonNull("date");
    boolean endIsDate = end.hasNonNull("date");
    if (startIsDate != endIsDate) {
      return "Start and end times must either both be date or both be dateTime.";
    }
    for (String which : List.of("start", "end")) {
      ObjectNode time = (ObjectNode) event.get(which);
      try {
        if (time.hasNonNull("timeZone")) {
          ZoneId.of(time.get("timeZone").asString());
        }
      } catch (DateTimeException e) {
        return "Invalid time zone definition for " + which + " time.";
      }
      if (startIsDate) {
        try {
          LocalDate.parse(time.get("date").asString());
        } catch (DateTimeParseException e) {
          return "Invalid " + which + " date.";
        }
        continue;
      }
      if (!time.hasNonNull("dateTime")) {
        return "Missing " + which + " time.";
      }
      String text = time.get("dateTime").asString();
      try {
        OffsetDateTime.parse(text);
      } catch (DateTimeParseException withoutOffset) {
        if (!time.hasNonNull("timeZone")) {
          return "Missing time zone definition for " + which + " time.";
        }
        try {
          ZoneId zone = ZoneId.of(time.get("timeZone").asString());
          time.put(
              "dateTime",
              RFC3339.format(LocalDateTime.parse(text).atZone(zone).toOffsetDateTime()));
        } catch (DateTimeParseException e) {
          return "Invalid " + which + " time.";
        }
      }
    }
    FakeGoogleEvent.Time startTime = time(event.get("start"));
    FakeGoogleEvent.Time endTime = time(event.get("end"));
    if (!endTime.instant(ZoneOffset.UTC).isAfter(startTime.instant(ZoneOffset.UTC))) {
      return "The specified time range is empty.";
    }
    return null;
  }

  private synchronized FakeGoogleEvent store(String account, ObjectNode event) {
    String problem = normaliseTimes(event);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return storeLocked(account, event);
  }

  private FakeGoogleEvent storeLocked(String account, ObjectNode event) {
    String given = text(event, "id");
    ++counter;
    String id = given != null ? given : "fake" + Long.toString(counter, 32) + "evt";
    String now = RFC3339.format(clock.instant().atOffset(ZoneOffset.UTC));
    event.put("kind", "calendar#event");
    event.put("etag", "\"" + counter + "\"");
    event.put("id", id);
    event.put("status", "confirmed");
    event.put(
        "htmlLink",
        "https://www.google.com/calendar/event?eid="
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((id + " " + account).getBytes(StandardCharsets.UTF_8)));
    event.put("created", now);
    event.put("updated", now);
    event.putObject("creator").put("email", account).put("self", true);
    event.putObject("organizer").put("email", account).put("self", true);
    event.put("iCalUID", id + "@google.com");
    event.put("sequence", 0);
    event.put("eventType", "default");
    event.putObject("reminders").put("useDefault", true);
    eventsByAccount.computeIfAbsent(account, a -> new ArrayList<>()).add(event);
    return toRecord(account, event);
  }

  private FakeGoogleEvent toRecord(String account, ObjectNode event) {
    return new FakeGoogleEvent(
        account,
        text(event, "id"),
        text(event, "summary"),
        text(event, "description"),
        text(event, "location"),
        time(event.get("start")),
        time(event.get("end")),
        json.writeValueAsString(event));
  }

  private static FakeGoogleEvent.Time time(JsonNode node) {
    String dateTime = text(node, "dateTime");
    String date = text(node, "date");
    return new FakeGoogleEvent.Time(
        dateTime == null ? null : OffsetDateTime.parse(dateTime),
        date == null ? null : LocalDate.parse(date),
        text(node, "timeZone"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private ZoneId zoneOf(String account) {
    return ZoneId.of(calendarZones.getOrDefault(account, "UTC"));
  }

  private static Instant parseRfc3339(String text) {
    return OffsetDateTime.parse(text).toInstant();
  }

  /** Google's JSON error format of the Calendar API. */
  private void apiError(
      HttpExchange exchange,
      int status,
      String message,
      String reason,
      String statusName,
      Map<String, String> headers) {
    ObjectNode body = json.createObjectNode();
    ObjectNode error = body.putObject("error");
    error.put("code", status);
    error.put("message", message);
    ObjectNode detail = error.putArray("errors").addObject();
    detail.put("message", status == 401 ? "Invalid Credentials" : message);
    detail.put("domain", "global");
    detail.put("reason", reason);
    error.put("status", statusName);
    FakeHttpServer.respond(
        exchange, status, "application/json; charset=UTF-8", json.writeValueAsBytes(body), headers);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private record PendingCode(
      String account, String clientId, String redirectUri, String scope, boolean offline) {}

  private record AccessToken(String account, String scope, Instant expiresAt, boolean invalid) {

    AccessToken expired() {
      return new AccessToken(account, scope, expiresAt, true);
    }

    boolean usableAt(Instant now) {
      return !invalid && now.isBefore(expiresAt);
    }
  }

  private record Grant(String account, String clientId, String scope, boolean revoked) {

    Grant revoke() {
      return new Grant(account, clientId, scope, true);
    }
  }

  private record TokenAnswer(int status, ObjectNode body, String error) {}

  private record ApiAnswer(int status, ObjectNode body, String error) {}
}
