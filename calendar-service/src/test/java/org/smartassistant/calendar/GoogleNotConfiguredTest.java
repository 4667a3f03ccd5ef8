package org.smartassistant.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.calendar.CalendarErrorCode;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

/** Without Google's client and the state secret the service runs and says it is not configured. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "smart.internal.token=" + GoogleNotConfiguredTest.TOKEN,
      "smart.calendar.google.client-id=",
      "smart.calendar.google.client-secret=",
      "smart.calendar.google.redirect-uri=",
      "smart.calendar.oauth-state.secret="
    })
@UseTestInfrastructure
class GoogleNotConfiguredTest {

  static final String TOKEN = "not-configured-token-0123456789abcdef";

  @LocalServerPort private int port;

  private CalendarServiceClient client() {
    return ServiceClients.create(
        CalendarServiceClient.class,
        RestClient.builder(),
        new ServiceClientProperties("http://127.0.0.1:" + port, null, null, 0, null),
        TOKEN);
  }

  @Test
  void theLinkAndTheEventsAnswer503NotConfigured() {
    assertThatThrownBy(() -> client().authUrl(1))
        .isInstanceOfSatisfying(
            HttpServerErrorException.class,
            e -> {
              assertThat(e.getStatusCode().value()).isEqualTo(503);
              assertThat(CalendarErrorCode.of(e)).hasValue(CalendarErrorCode.NOT_CONFIGURED);
              assertThat(e.getResponseBodyAsString())
                  .contains("Google Calendar is not configured")
                  .contains("GOOGLE_CLIENT_ID")
                  .contains("OAUTH_STATE_SECRET");
            });
    assertThatThrownBy(() -> client().events(1, null, null))
        .isInstanceOfSatisfying(
            HttpServerErrorException.class,
            e -> assertThat(CalendarErrorCode.of(e)).hasValue(CalendarErrorCode.NOT_CONFIGURED));
  }

  @Test
  void theCallbackShowsANotConfiguredPage() throws Exception {
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/auth/callback?code=c&state=s"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.body()).contains("Google Calendar is not configured");
  }
}
