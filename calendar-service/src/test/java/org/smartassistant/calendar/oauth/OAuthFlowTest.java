package org.smartassistant.calendar.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smartassistant.calendar.CalendarServiceTest;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.google.FakeGoogle;

/** The consent flow: the link, Google's redirect to the callback, and every refused callback. */
class OAuthFlowTest extends CalendarServiceTest {

  private static final long USER = 7;
  private static final long TELEGRAM_ID = 7_000_007;
  private static final String ALICE = "alice@example.com";

  private static Map<String, String> query(String url) {
    Map<String, String> params = new LinkedHashMap<>();
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      String[] nameValue = pair.split("=", 2);
      params.put(
          URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
          nameValue.length < 2 ? "" : URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
    }
    return params;
  }

  /** The redirect with its state parameter replaced, as an attacker would send it. */
  private static String withState(String location, String state) {
    return location.replaceFirst(
        "state=[^&]*", "state=" + URLEncoder.encode(state, StandardCharsets.UTF_8));
  }

  private void assertNothingStored() {
    assertThat(REST.puts()).isEmpty();
    assertThat(REST.credentials(USER)).isNull();
    assertThat(GOOGLE.tokenRequests()).isEmpty();
    assertThat(inbox()).isEmpty();
  }

  @Test
  void theLinkAsksGoogleForOfflineAccessWithConsentToCalendarEvents() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);

    String link = client().authUrl(USER).authUrl();
    assertThat(link).startsWith(CONNECT_URL + "?state=");
    String authUrl = continueToGoogle(link);

    assertThat(authUrl).startsWith(GOOGLE.authorizationUrl() + "?");
    assertThat(query(authUrl))
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("redirect_uri", REDIRECT_URI)
        .containsEntry("response_type", "code")
        .containsEntry("scope", "https://www.googleapis.com/auth/calendar.events")
        .containsEntry("access_type", "offline")
        .containsEntry("prompt", "consent")
        .containsKey("state");
    assertThat(query(authUrl).get("state")).isEqualTo(query(link).get("state"));
    assertThat(client().authUrl(USER).authUrl()).isNotEqualTo(link);
  }

  @Test
  void theLinkOpensAPublicPageThatNamesTheUserAndDoesNotRedirectByItself() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    String link = client().authUrl(USER).authUrl();

    HttpResponse<String> page = openLink(link);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.headers().firstValue("Location")).isEmpty();
    assertThat(page.headers().firstValue("Refresh")).isEmpty();
    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.body())
        .contains("Telegram user User (@user7)")
        .contains(">Continue to Google</a>")
        .doesNotContainIgnoringCase("http-equiv")
        .doesNotContainIgnoringCase("<script");
    // opening the page twice is harmless: the state is used up only at the callback
    assertThat(openLink(link).statusCode()).isEqualTo(200);
    assertThat(GOOGLE.authorizationRequests()).isEmpty();
    assertThat(followRedirect(GOOGLE.approve(continueToGoogle(link), ALICE)).statusCode())
        .isEqualTo(200);
    assertThat(openLink(link).statusCode()).isEqualTo(200);
    assertThat(followRedirect(GOOGLE.approve(continueToGoogle(link), ALICE)).statusCode())
        .isEqualTo(400);
  }

  @Test
  void theConnectPageRefusesAForgedOrExpiredState() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    String link = client().authUrl(USER).authUrl();

    HttpResponse<String> forged = openLink(CONNECT_URL + "?state=v1.7.forged.nonce.sig");
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body())
        .contains("This link is not valid")
        .doesNotContain("Continue to Google");

    CLOCK.advance(Duration.ofMinutes(11));
    HttpResponse<String> expired = openLink(link);
    assertThat(expired.statusCode()).isEqualTo(400);
    assertThat(expired.body())
        .contains("This link has expired")
        .doesNotContain("Continue to Google");
  }

  @Test
  void consentStoresTheTokensAndTellsTheAssistant() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);

    HttpResponse<String> page = connect(USER, ALICE);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(page.body())
        .contains("Google Calendar connected")
        .contains("href=\"https://t.me/" + BOT_USERNAME + "\"");
    CalendarCredentialsDto stored = REST.credentials(USER);
    assertThat(stored.accessToken()).isEqualTo(GOOGLE.latestAccessToken(ALICE));
    assertThat(stored.refreshToken()).isEqualTo(GOOGLE.latestRefreshToken(ALICE));
    assertThat(stored.expiresAt()).isEqualTo(START.plusSeconds(3599));
    assertThat(stored.scope()).isEqualTo(FakeGoogle.CALENDAR_EVENTS_SCOPE);
    assertThat(inbox())
        .singleElement()
        .satisfies(
            envelope -> {
              assertThat(envelope.type()).isEqualTo(EnvelopeType.CALENDAR_CONNECTED);
              assertThat(envelope.userId()).isEqualTo(USER);
              assertThat(envelope.chatId()).isEqualTo(TELEGRAM_ID);
              assertThat(envelope.source()).isEqualTo("calendar-service");
            });
  }

  @Test
  void aForgedStateIsRefusedAndNothingIsStored() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    REST.addUser(8, 8_000_008);
    String authUrl = continueToGoogle(client().authUrl(8).authUrl());
    String location = GOOGLE.approve(authUrl, ALICE);
    String stateForUser8 = query(location).get("state");
    // the attacker's own valid state, rewritten to attach the Google account to user 7
    String rewritten = stateForUser8.replaceFirst("^v1\\.8\\.", "v1.7.");

    for (String forged : new String[] {rewritten, "v1.7.9999999999.nonce.c2lnbmF0dXJl", "", "x"}) {
      HttpResponse<String> page = followRedirect(withState(location, forged));

      assertThat(page.statusCode()).as("state '%s'", forged).isEqualTo(400);
      assertThat(page.body()).contains("This link is not valid");
    }
    HttpResponse<String> noState = get("/auth/callback?code=" + query(location).get("code"), null);
    assertThat(noState.statusCode()).isEqualTo(400);
    assertNothingStored();
    assertThat(REST.credentials(8)).isNull();
  }

  @Test
  void anExpiredStateIsRefusedAndNothingIsStored() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    String location = GOOGLE.approve(continueToGoogle(client().authUrl(USER).authUrl()), ALICE);

    CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));
    HttpResponse<String> page = followRedirect(location);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("This link has expired");
    assertNothingStored();
  }

  @Test
  void aStateIsValidUntilItsTimeToLiveEnds() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    String location = GOOGLE.approve(continueToGoogle(client().authUrl(USER).authUrl()), ALICE);

    CLOCK.advance(Duration.ofMinutes(9));

    assertThat(followRedirect(location).statusCode()).isEqualTo(200);
  }

  @Test
  void aReplayedStateIsRefusedAndNothingMoreIsStored() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    String authUrl = continueToGoogle(client().authUrl(USER).authUrl());
    String location = GOOGLE.approve(authUrl, ALICE);
    assertThat(followRedirect(location).statusCode()).isEqualTo(200);
    CalendarCredentialsDto connected = REST.credentials(USER);

    HttpResponse<String> replay = followRedirect(location);
    // the same state with a code of another Google account
    HttpResponse<String> otherAccount =
        followRedirect(GOOGLE.approve(authUrl, "mallory@example.com"));

    for (HttpResponse<String> page : List.of(replay, otherAccount)) {
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.body()).contains("This link has already been used");
    }
    assertThat(REST.puts()).hasSize(1);
    assertThat(REST.credentials(USER)).isEqualTo(connected);
    assertThat(GOOGLE.tokenRequests()).hasSize(1);
    assertThat(inbox()).hasSize(1);
  }

  @Test
  void aRefusedConsentShowsAPageAndStoresNothing() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);

    HttpResponse<String> page =
        followRedirect(GOOGLE.deny(continueToGoogle(client().authUrl(USER).authUrl())));

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("Google did not grant access");
    assertNothingStored();
  }

  @Test
  void aConsentWithoutTheCalendarPermissionStoresNothing() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);
    GOOGLE.grantOnlyScope("openid");

    HttpResponse<String> page = connect(USER, ALICE);

    assertThat(page.statusCode()).isEqualTo(400);
    assertThat(page.body()).contains("permission to see and edit your calendar events");
    assertThat(REST.puts()).isEmpty();
    assertThat(inbox()).isEmpty();
  }

  @Test
  void theLinkNeedsTheInternalTokenButTheCallbackDoesNot() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);

    assertThat(get("/auth/url/" + USER, null).statusCode()).isEqualTo(401);
    assertThat(get("/auth/url/" + USER, "wrong-token").statusCode()).isEqualTo(401);
    assertThat(get("/auth/url/" + USER, TOKEN).statusCode()).isEqualTo(200);
    // a browser carries no token: the callback answers it (here: a bad state) instead of 401
    assertThat(get("/auth/callback?code=c&state=s", null).statusCode()).isEqualTo(400);
  }

  @Test
  void noLinkForAnUnknownUser() throws Exception {
    HttpResponse<String> response = get("/auth/url/404", TOKEN);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void theCallbackPageIsNotCachedAndLeaksNoReferrer() throws Exception {
    REST.addUser(USER, TELEGRAM_ID);

    HttpResponse<String> page = connect(USER, ALICE);

    assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }
}
