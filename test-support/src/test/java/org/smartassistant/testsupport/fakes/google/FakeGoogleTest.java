package org.smartassistant.testsupport.fakes.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.auth.oauth2.AuthorizationCodeFlow;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventDateTime;
import com.google.api.services.calendar.model.Events;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.testsupport.fakes.FakeHttpServer;

/** The fake against the real google-oauth-client and google-api-services-calendar. */
class FakeGoogleTest {

  private static final String CLIENT_ID = "client-1.apps.googleusercontent.com";
  private static final String CLIENT_SECRET = "secret-1";
  private static final String REDIRECT_URI = "http://127.0.0.1:9/auth/callback";
  private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

  private final NetHttpTransport transport = new NetHttpTransport();
  private FakeGoogle google;
  private AuthorizationCodeFlow flow;

  @BeforeEach
  void start() {
    google = new FakeGoogle().start().expectClient(CLIENT_ID, CLIENT_SECRET);
    flow =
        new AuthorizationCodeFlow.Builder(
                BearerToken.authorizationHeaderAccessMethod(),
                transport,
                JSON,
                new GenericUrl(google.tokenUrl()),
                new ClientParametersAuthentication(CLIENT_ID, CLIENT_SECRET),
                CLIENT_ID,
                google.authorizationUrl())
            .setScopes(List.of(FakeGoogle.CALENDAR_EVENTS_SCOPE))
            .build();
  }

  @AfterEach
  void stop() {
    google.close();
  }

  private String authorizationUrl(String state) {
    return flow.newAuthorizationUrl()
        .setRedirectUri(REDIRECT_URI)
        .setState(state)
        .set("access_type", "offline")
        .set("prompt", "consent")
        .build();
  }

  private static Map<String, String> query(String url) {
    return FakeHttpServer.parseForm(URI.create(url).getRawQuery());
  }

  private TokenResponse connect(String account) throws Exception {
    String redirect = google.approve(authorizationUrl("s"), account);
    return flow.newTokenRequest(query(redirect).get("code")).setRedirectUri(REDIRECT_URI).execute();
  }

  private Credential refreshingCredential(TokenResponse tokens) {
    return new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
        .setTransport(transport)
        .setJsonFactory(JSON)
        .setTokenServerUrl(new GenericUrl(google.tokenUrl()))
        .setClientAuthentication(new ClientParametersAuthentication(CLIENT_ID, CLIENT_SECRET))
        .build()
        .setFromTokenResponse(tokens);
  }

  private Calendar calendar(Credential credential) {
    return new Calendar.Builder(transport, JSON, credential)
        .setRootUrl(google.apiRootUrl())
        .setApplicationName("fake-google-test")
        .build();
  }

  @Test
  void consentRedirectsWithCodeAndStateAndTheCodeBuysOfflineTokens() throws Exception {
    String redirect = google.approve(authorizationUrl("state-123"), "alice@example.com");

    assertThat(redirect).startsWith(REDIRECT_URI + "?");
    assertThat(query(redirect)).containsEntry("state", "state-123").containsKey("code");
    GoogleAuthorizationRequest consent = google.authorizationRequests().get(0);
    assertThat(consent.account()).isEqualTo("alice@example.com");
    assertThat(consent.param("access_type")).isEqualTo("offline");
    assertThat(consent.param("scope")).isEqualTo(FakeGoogle.CALENDAR_EVENTS_SCOPE);

    TokenResponse tokens =
        flow.newTokenRequest(query(redirect).get("code")).setRedirectUri(REDIRECT_URI).execute();

    assertThat(tokens.getAccessToken()).isEqualTo(google.latestAccessToken("alice@example.com"));
    assertThat(tokens.getRefreshToken()).isEqualTo(google.latestRefreshToken("alice@example.com"));
    assertThat(tokens.getExpiresInSeconds()).isEqualTo(3599L);
    assertThat(tokens.getScope()).isEqualTo(FakeGoogle.CALENDAR_EVENTS_SCOPE);
  }

  @Test
  void consentOverHttpAnswersARedirectToTheRedirectUri() throws Exception {
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> response =
        browser.send(
            HttpRequest.newBuilder(URI.create(authorizationUrl("xyz"))).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(REDIRECT_URI);
    assertThat(query(location)).containsEntry("state", "xyz").containsKey("code");
    assertThat(google.authorizationRequests().get(0).account())
        .isEqualTo(FakeGoogle.DEFAULT_ACCOUNT);
  }

  @Test
  void aRefreshTokenComesOnlyWithOfflineAccessAndTheConsentPrompt() throws Exception {
    String onlineUrl = flow.newAuthorizationUrl().setRedirectUri(REDIRECT_URI).build();
    String code = query(google.approve(onlineUrl)).get("code");

    TokenResponse tokens = flow.newTokenRequest(code).setRedirectUri(REDIRECT_URI).execute();

    assertThat(tokens.getAccessToken()).isNotBlank();
    assertThat(tokens.getRefreshToken()).isNull();
  }

  @Test
  void aCodeWorksOnceAndOnlyWithItsRedirectUri() throws Exception {
    String code = query(google.approve(authorizationUrl("s"))).get("code");

    assertThatThrownBy(
            () -> flow.newTokenRequest(code).setRedirectUri("http://elsewhere/cb").execute())
        .isInstanceOfSatisfying(
            TokenResponseException.class,
            e -> assertThat(e.getDetails().getError()).isEqualTo("redirect_uri_mismatch"));
    assertThatThrownBy(() -> flow.newTokenRequest(code).setRedirectUri(REDIRECT_URI).execute())
        .isInstanceOfSatisfying(
            TokenResponseException.class,
            e -> assertThat(e.getDetails().getError()).isEqualTo("invalid_grant"));
  }

  @Test
  void aWrongClientSecretIsInvalidClient() {
    String code = query(google.approve(authorizationUrl("s"))).get("code");

    assertThatThrownBy(
            () ->
                flow.newTokenRequest(code)
                    .setRedirectUri(REDIRECT_URI)
                    .setClientAuthentication(
                        new ClientParametersAuthentication(CLIENT_ID, "not-the-secret"))
                    .execute())
        .isInstanceOfSatisfying(
            TokenResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
    assertThat(google.tokenRequests())
        .extracting(GoogleTokenRequest::error)
        .containsExactly("invalid_client");
  }

  @Test
  void insertedEventsAreListedInTheirTimeRangeOrderedByStart() throws Exception {
    Calendar calendar = calendar(refreshingCredential(connect("bob@example.com")));
    Event lunch =
        new Event()
            .setSummary("Lunch with Anna")
            .setLocation("Cafe")
            .setStart(
                new EventDateTime()
                    .setDateTime(new DateTime("2026-11-27T13:00:00+01:00"))
                    .setTimeZone("Europe/Berlin"))
            .setEnd(
                new EventDateTime()
                    .setDateTime(new DateTime("2026-11-27T14:00:00+01:00"))
                    .setTimeZone("Europe/Berlin"));
    Event holiday =
        new Event()
            .setSummary("Holiday")
            .setStart(new EventDateTime().setDate(new DateTime("2026-11-26")))
            .setEnd(new EventDateTime().setDate(new DateTime("2026-11-27")));

    Event inserted = calendar.events().insert("primary", lunch).execute();
    calendar.events().insert("primary", holiday).execute();
    google.addEvent(
        "bob@example.com",
        "Much later",
        OffsetDateTime.of(2027, 1, 1, 9, 0, 0, 0, ZoneOffset.UTC),
        OffsetDateTime.of(2027, 1, 1, 10, 0, 0, 0, ZoneOffset.UTC));

    assertThat(inserted.getId()).isNotBlank();
    assertThat(inserted.getHtmlLink()).startsWith("https://www.google.com/calendar/event?eid=");
    FakeGoogleEvent stored = google.events("bob@example.com").get(0);
    assertThat(stored.summary()).isEqualTo("Lunch with Anna");
    assertThat(stored.start().dateTime())
        .isEqualTo(OffsetDateTime.of(2026, 11, 27, 13, 0, 0, 0, ZoneOffset.ofHours(1)));
    assertThat(stored.start().timeZone()).isEqualTo("Europe/Berlin");
    assertThat(google.events("bob@example.com").get(1).allDay()).isTrue();

    Events listed =
        calendar
            .events()
            .list("primary")
            .setTimeMin(new DateTime("2026-11-25T00:00:00Z"))
            .setTimeMax(new DateTime("2026-12-01T00:00:00Z"))
            .setSingleEvents(true)
            .setOrderBy("startTime")
            .execute();

    assertThat(listed.getItems())
        .extracting(Event::getSummary)
        .containsExactly("Holiday", "Lunch with Anna");
    assertThat(listed.getItems().get(0).getStart().getDate().toStringRfc3339())
        .isEqualTo("2026-11-26");
    assertThat(listed.getTimeZone()).isEqualTo("UTC");
    assertThat(google.events("alice@example.com")).isEmpty();
  }

  @Test
  void listPagesThroughManyEvents() throws Exception {
    Calendar calendar = calendar(refreshingCredential(connect("carol@example.com")));
    for (int day = 1; day <= 5; day++) {
      google.addAllDayEvent(
          "carol@example.com",
          "day " + day,
          LocalDate.of(2026, 12, day),
          LocalDate.of(2026, 12, day + 1));
    }

    Events first = calendar.events().list("primary").setMaxResults(3).execute();
    Events second =
        calendar
            .events()
            .list("primary")
            .setMaxResults(3)
            .setPageToken(first.getNextPageToken())
            .execute();

    assertThat(first.getItems()).hasSize(3);
    assertThat(second.getItems()).extracting(Event::getSummary).containsExactly("day 4", "day 5");
    assertThat(second.getNextPageToken()).isNull();
  }

  @Test
  void anEventEndingBeforeItStartsIsRefused() throws Exception {
    Calendar calendar = calendar(refreshingCredential(connect("dan@example.com")));
    Event noZone =
        new Event()
            .setSummary("x")
            .setStart(new EventDateTime().setDateTime(new DateTime("2026-11-27T13:00:00Z")))
            .setEnd(new EventDateTime().setDateTime(new DateTime("2026-11-27T12:00:00Z")));

    assertThatThrownBy(() -> calendar.events().insert("primary", noZone).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getMessage())
                  .isEqualTo("The specified time range is empty.");
            });
    assertThat(google.events("dan@example.com")).isEmpty();
  }

  @Test
  void anExpiredAccessTokenIs401AndTheClientRefreshesIt() throws Exception {
    TokenResponse tokens = connect("erin@example.com");
    Credential credential = refreshingCredential(tokens);
    google.expireAccessTokens();

    Events listed = calendar(credential).events().list("primary").execute();

    assertThat(listed.getItems()).isEmpty();
    assertThat(credential.getAccessToken())
        .isNotEqualTo(tokens.getAccessToken())
        .isEqualTo(google.latestAccessToken("erin@example.com"));
    assertThat(google.tokenRequests("refresh_token")).hasSize(1);
    assertThat(google.calendarCalls()).containsExactly("GET primary 401", "GET primary 200");
  }

  @Test
  void anUnknownTokenIsRefusedWith401() {
    Credential credential =
        new Credential(BearerToken.authorizationHeaderAccessMethod()).setAccessToken("forged");

    assertThatThrownBy(() -> calendar(credential).events().list("primary").execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(401));
  }

  @Test
  void aRevokedGrantAnswersInvalidGrant() throws Exception {
    TokenResponse tokens = connect("fay@example.com");
    google.revokeGrant("fay@example.com");

    RefreshTokenRequest refresh =
        new RefreshTokenRequest(
                transport, JSON, new GenericUrl(google.tokenUrl()), tokens.getRefreshToken())
            .setClientAuthentication(new ClientParametersAuthentication(CLIENT_ID, CLIENT_SECRET));

    assertThatThrownBy(refresh::execute)
        .isInstanceOfSatisfying(
            TokenResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getError()).isEqualTo("invalid_grant");
            });
    assertThat(google.acceptsAccessToken(tokens.getAccessToken())).isFalse();
  }

  @Test
  void aDeniedConsentRedirectsWithAccessDenied() {
    String redirect = google.deny(authorizationUrl("st"));

    assertThat(query(redirect))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "st")
        .doesNotContainKey("code");
  }

  @Test
  void aScopeTheUserDidNotGrantIsRefusedWith403() throws Exception {
    google.grantOnlyScope("openid");
    Calendar calendar = calendar(refreshingCredential(connect("gus@example.com")));

    assertThatThrownBy(() -> calendar.events().list("primary").execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(403));
  }
}
