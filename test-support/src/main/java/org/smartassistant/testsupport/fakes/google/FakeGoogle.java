package org.smartassistant.testsupport.fakes.google;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import tools.jackson.databind.node.JsonNodeFactory;
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
 * A test consents by GETting the authorisation URL (as a browser) or by {@link #approve(String)}.
 * Faults: {@link #expireAccessTokens()} (401: the client refreshes), {@link #revokeGrant(String)},
 * {@link #denyNextConsent()}, {@link #grantOnlyScope(String)}, {@link #failNextTokenRequests}.
 *
 * <p>In parts: {@link GoogleConsent} (the consent page), {@link GoogleTokens} (the token endpoint,
 * codes and tokens), {@link GoogleCalendarApi} (the events, with {@link GoogleEvents} for their
 * rules and {@link GoogleApiAnswers} for the answers); this class routes requests to them.
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

  private final FakeHttpServer http;
  private final GoogleTokens tokens;
  private final GoogleConsent consent;
  private final GoogleCalendarApi calendar;

  /** A fake on a free port; call {@link #start()}. */
  public FakeGoogle() {
    this(0);
  }

  /** A fake on the given port (0 for a free one); call {@link #start()}. */
  public FakeGoogle(int port) {
    this.http = new FakeHttpServer("fake-google", port, this::handle);
    this.tokens = new GoogleTokens();
    this.consent = new GoogleConsent(tokens);
    this.calendar = new GoogleCalendarApi(tokens);
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
  public void reset() {
    consent.reset();
    calendar.reset();
    tokens.reset();
  }

  /**
   * Only this OAuth client is accepted: another {@code client_id} on the consent page is an error,
   * a wrong id or secret at the token endpoint answers 401 {@code invalid_client}.
   */
  public FakeGoogle expectClient(String clientId, String clientSecret) {
    tokens.expectClient(clientId, clientSecret);
    return this;
  }

  /** The account that consents from now on when the authorisation URL has no {@code login_hint}. */
  public FakeGoogle setConsentingAccount(String account) {
    consent.setConsentingAccount(account);
    return this;
  }

  /** The next consent is refused by the user: the redirect carries {@code error=access_denied}. */
  public FakeGoogle denyNextConsent() {
    consent.denyNextConsent();
    return this;
  }

  /**
   * From now on the user grants only this scope, whatever was asked (Google's granular consent lets
   * a user untick a permission); null restores "as asked".
   */
  public FakeGoogle grantOnlyScope(String scope) {
    consent.grantOnlyScope(scope);
    return this;
  }

  /** How long new access tokens live ({@code expires_in}); default 3599 s, as Google's. */
  public FakeGoogle setAccessTokenLifetime(Duration lifetime) {
    tokens.setAccessTokenLifetime(lifetime);
    return this;
  }

  /** The clock that decides whether an access token has run out. */
  public FakeGoogle setClock(Clock newClock) {
    tokens.setClock(newClock);
    return this;
  }

  /** The time zone of the account's primary calendar (default UTC). */
  public FakeGoogle setCalendarTimeZone(String account, String zone) {
    calendar.setCalendarTimeZone(account, zone);
    return this;
  }

  /**
   * Every access token issued so far is refused with 401 from now on; refresh tokens still work.
   */
  public FakeGoogle expireAccessTokens() {
    tokens.expireAccessTokens(null);
    return this;
  }

  /** The account's access tokens issued so far are refused with 401 from now on. */
  public FakeGoogle expireAccessTokens(String account) {
    tokens.expireAccessTokens(account);
    return this;
  }

  /**
   * The user revoked the app's access: the account's refresh tokens answer {@code invalid_grant}
   * and its access tokens 401.
   */
  public FakeGoogle revokeGrant(String account) {
    tokens.revokeGrant(account);
    return this;
  }

  /** The next {@code count} token requests answer with this status (e.g. 500, 503). */
  public FakeGoogle failNextTokenRequests(int count, int status) {
    tokens.failNextTokenRequests(count, status);
    return this;
  }

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
    return consent.consent(GoogleConsent.paramsOf(authorizationUrl), account, false);
  }

  /**
   * The user clicks "Cancel": the redirect URL carries {@code error=access_denied} and the state.
   */
  public String deny(String authorizationUrl) {
    return consent.consent(GoogleConsent.paramsOf(authorizationUrl), null, true);
  }

  /** Puts a timed event in the account's primary calendar. */
  public FakeGoogleEvent addEvent(
      String account, String summary, OffsetDateTime start, OffsetDateTime end) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("summary", summary);
    event.putObject("start").put("dateTime", GoogleEvents.RFC3339.format(start));
    event.putObject("end").put("dateTime", GoogleEvents.RFC3339.format(end));
    return calendar.store(account, event);
  }

  /** Puts an all-day event (end date exclusive) in the account's primary calendar. */
  public FakeGoogleEvent addAllDayEvent(
      String account, String summary, LocalDate start, LocalDate endExclusive) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("summary", summary);
    event.putObject("start").put("date", start.toString());
    event.putObject("end").put("date", endExclusive.toString());
    return calendar.store(account, event);
  }

  /** Moves an event to new times (the user did so at Google); both null: deletes it. */
  public void changeEvent(String account, String id, OffsetDateTime start, OffsetDateTime end) {
    calendar.change(account, id, start, end);
  }

  /** The events in the account's primary calendar, in the order they were added. */
  public List<FakeGoogleEvent> events(String account) {
    return calendar.events(account);
  }

  /** The newest access token issued to the account, or null. */
  public String latestAccessToken(String account) {
    return tokens.latestAccessToken(account);
  }

  /** The newest refresh token issued to the account, or null. */
  public String latestRefreshToken(String account) {
    return tokens.latestRefreshToken(account);
  }

  /** Whether the Calendar API would accept this access token now. */
  public boolean acceptsAccessToken(String token) {
    return tokens.usable(token) != null;
  }

  /** Every visit of the consent page (over HTTP or through {@link #approve}). */
  public List<GoogleAuthorizationRequest> authorizationRequests() {
    return consent.authorizationRequests();
  }

  public List<GoogleTokenRequest> tokenRequests() {
    return tokens.tokenRequests();
  }

  /** Token requests of one grant type: {@code authorization_code} or {@code refresh_token}. */
  public List<GoogleTokenRequest> tokenRequests(String grantType) {
    return tokens.tokenRequests().stream().filter(r -> grantType.equals(r.grantType())).toList();
  }

  /** Calendar API calls as {@code "GET primary 200"}: method, calendar id, answer status. */
  public List<String> calendarCalls() {
    return calendar.calendarCalls();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getRawPath();
    String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
    if (path.equals(AUTHORIZE_PATH) && method.equals("GET")) {
      consent.authorize(exchange);
    } else if (path.equals(TOKEN_PATH) && method.equals("POST")) {
      tokens.token(exchange);
    } else if (path.startsWith(CALENDARS_PREFIX) && path.matches(".*/events/[^/]+")) {
      int events = path.lastIndexOf("/events/");
      String calendarId =
          URLDecoder.decode(
              path.substring(CALENDARS_PREFIX.length(), events), StandardCharsets.UTF_8);
      String eventId =
          URLDecoder.decode(path.substring(events + "/events/".length()), StandardCharsets.UTF_8);
      calendar.calendarEvent(exchange, method, calendarId, eventId);
    } else if (path.startsWith(CALENDARS_PREFIX) && path.endsWith("/events")) {
      String calendarId =
          URLDecoder.decode(
              path.substring(CALENDARS_PREFIX.length(), path.length() - "/events".length()),
              StandardCharsets.UTF_8);
      calendar.calendarEvents(exchange, method, calendarId);
    } else {
      GoogleApiAnswers.apiError(exchange, 404, "Not Found", "notFound", "NOT_FOUND", Map.of());
    }
  }
}
