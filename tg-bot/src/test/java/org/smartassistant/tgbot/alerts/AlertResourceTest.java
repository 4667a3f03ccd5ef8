package org.smartassistant.tgbot.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.security.InternalToken;
import org.smartassistant.tgbot.BotTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** Alertmanager's webhook into the operator's chats, through the fake Bot API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = "smart.alerts.chat-ids=" + AlertResourceTest.OPERATOR)
class AlertResourceTest extends BotTest {

  static final long OPERATOR = 5090;
  private static final String INTERNAL = "internal-test-token-0123456789abcdef";

  /** What Alertmanager 0.25 posts (webhook version 4), trimmed of nothing. */
  private static final String FIRING =
      """
      {"receiver":"operator","status":"firing","alerts":[{"status":"firing",
       "labels":{"alertname":"ServiceDown","instance":"calendar-service:8001","job":"calendar-service","severity":"critical"},
       "annotations":{"summary":"calendar-service is down"},
       "startsAt":"2026-12-04T21:00:00.000Z","endsAt":"0001-01-01T00:00:00Z",
       "generatorURL":"http://prometheus:9090/graph","fingerprint":"0a1b2c3d4e5f6a7b"}],
       "groupLabels":{"alertname":"ServiceDown"},"commonLabels":{"alertname":"ServiceDown"},
       "commonAnnotations":{},"externalURL":"http://alertmanager:9093","version":"4",
       "groupKey":"{}:{alertname=\\"ServiceDown\\"}","truncatedAlerts":0}
      """;

  @LocalServerPort int port;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anAlertWithTheBearerTokenReachesTheOperatorsChat() throws Exception {
    int status = post("Authorization", "Bearer " + INTERNAL, FIRING);

    assertThat(status).isEqualTo(204);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(telegram.sentTexts(OPERATOR))
                    .containsExactly(
                        "🔥 firing: ServiceDown (calendar-service) — calendar-service is down"));
  }

  @Test
  void aResolvedAlertSaysSo() throws Exception {
    String resolved = FIRING.replace("\"status\":\"firing\"", "\"status\":\"resolved\"");

    assertThat(post(InternalToken.HEADER, INTERNAL, resolved)).isEqualTo(204);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(telegram.sentTexts(OPERATOR))
                    .contains(
                        "✅ resolved: ServiceDown (calendar-service) — calendar-service is down"));
  }

  @Test
  void withoutTheTokenNothingIsSent() throws Exception {
    int before = telegram.sentMessages(OPERATOR).size();

    assertThat(post("Authorization", "Bearer wrong-token", FIRING)).isEqualTo(401);
    assertThat(post("X-Other", "x", FIRING)).isEqualTo(401);
    assertThat(telegram.sentMessages(OPERATOR)).hasSize(before);
  }

  private int post(String header, String value, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/alerts"))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header(header, value)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
  }
}
