package org.smartassistant.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CalendarPropertiesTest {

  private static CalendarProperties.Google google(String clientId, String apiRoot) {
    return new CalendarProperties.Google(
        clientId, "secret", "https://example.test/auth/callback", "", " ", apiRoot, null, null);
  }

  @Test
  void emptyVariablesMeanTheDefaultsAndTheApiRootEndsWithASlash() {
    CalendarProperties.Google google = google("id", "http://127.0.0.1:9000");

    assertThat(google.authUrl()).isEqualTo(CalendarProperties.Google.DEFAULT_AUTH_URL);
    assertThat(google.tokenUrl()).isEqualTo(CalendarProperties.Google.DEFAULT_TOKEN_URL);
    assertThat(google.apiRoot()).isEqualTo("http://127.0.0.1:9000/");
    assertThat(google("id", "").apiRoot()).isEqualTo(CalendarProperties.Google.DEFAULT_API_ROOT);
  }

  @Test
  void configuredNeedsTheClientTheRedirectAndTheStateSecret() {
    CalendarProperties.OAuthState noSecret = new CalendarProperties.OAuthState(" ", null);
    CalendarProperties.OAuthState secret =
        new CalendarProperties.OAuthState("x".repeat(32), Duration.ofMinutes(5));

    assertThat(new CalendarProperties(google("id", ""), secret, null).configured()).isTrue();
    assertThat(new CalendarProperties(google(" ", ""), noSecret, null).missing())
        .containsExactly("GOOGLE_CLIENT_ID", "OAUTH_STATE_SECRET");
    assertThat(noSecret.ttl()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theBotLinkIsBuiltFromTheUsername() {
    CalendarProperties.OAuthState state = new CalendarProperties.OAuthState(null, null);

    assertThat(new CalendarProperties(google("id", ""), state, "@my_bot").botLink())
        .isEqualTo("https://t.me/my_bot");
    assertThat(new CalendarProperties(google("id", ""), state, " ").botLink()).isNull();
  }

  @Test
  void secretsStayOutOfToString() {
    CalendarProperties properties =
        new CalendarProperties(
            google("id", ""), new CalendarProperties.OAuthState("s".repeat(40), null), null);

    assertThat(properties.toString()).doesNotContain("secret,").doesNotContain("s".repeat(40));
  }
}
