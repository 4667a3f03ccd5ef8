package org.smartassistant.tgbot.updates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.tgbot.BotTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook mode: the bot sets its webhook with a secret, an update Telegram posts with that secret
 * takes the same way into the inbox as a polled one (200 only once it is there, 503 when it could
 * not be), and a request without the secret is refused with 401 and reaches nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class WebhookTest extends BotTest {

  static final int PORT = freePort();
  static final String SECRET = "webhook-secret_0123456789";

  @LocalServerPort int port;

  @DynamicPropertySource
  static void webhook(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("smart.telegram.updates.mode", () -> "webhook");
    registry.add(
        "smart.telegram.updates.webhook-url",
        () -> "http://127.0.0.1:" + PORT + "/telegram/webhook");
    registry.add("smart.telegram.updates.webhook-secret", () -> SECRET);
  }

  private static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void awaitWebhook() {
    org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> telegram.webhookUrl() != null);
  }

  @Test
  void theBotSetsItsWebhookWithTheSecretAndAPostedUpdateReachesTheInbox() throws Exception {
    awaitWebhook();
    assertThat(telegram.webhookUrl()).isEqualTo("http://127.0.0.1:" + port + "/telegram/webhook");
    assertThat(telegram.webhookSecret()).isEqualTo(SECRET);

    int status = telegram.postTextMessageToWebhook(5070, "hello through the webhook");

    assertThat(status).isEqualTo(200);
    // acknowledged only once in the inbox: no waiting needed
    List<Envelope> inbox = inbox(5070);
    assertThat(inbox).extracting(Envelope::type).containsExactly(EnvelopeType.USER_MESSAGE);
    assertThat(inbox.get(0).text()).isEqualTo("hello through the webhook");
  }

  @Test
  void aWrongOrMissingSecretIsRefusedAndReachesNothing() throws Exception {
    awaitWebhook();

    assertThat(telegram.postTextMessageToWebhook(5071, "forged", "not-the-secret")).isEqualTo(401);
    assertThat(telegram.postTextMessageToWebhook(5071, "forged", SECRET + "x")).isEqualTo(401);
    assertThat(telegram.postTextMessageToWebhook(5071, "forged", null)).isEqualTo(401);

    assertThat(inbox(5071)).isEmpty();
    assertThat(rest.requests()).noneMatch(request -> request.contains("5071"));
    assertThat(telegram.sentMessages(5071)).isEmpty();
  }

  @Test
  void anUpdateThatCannotReachTheInboxIsAnsweredWithAnErrorSoTelegramSendsItAgain()
      throws Exception {
    awaitWebhook();
    redisProxy.cut();
    try {
      assertThat(telegram.postTextMessageToWebhook(5072, "while Redis is away")).isEqualTo(503);
    } finally {
      redisProxy.restore();
    }
    assertThat(inbox(5072)).isEmpty();
  }

  @Test
  void webhookModeWithoutUrlOrSecretFailsTheStartWithASentence() {
    assertThatThrownBy(
            () -> new UpdateSourceProperties(UpdateSourceProperties.Mode.WEBHOOK, null, SECRET))
        .hasMessageContaining("TELEGRAM_WEBHOOK_URL");
    assertThatThrownBy(
            () ->
                new UpdateSourceProperties(
                    UpdateSourceProperties.Mode.WEBHOOK, URI.create("https://bot.example"), ""))
        .hasMessageContaining("TELEGRAM_WEBHOOK_SECRET");
    assertThat(new UpdateSourceProperties(UpdateSourceProperties.Mode.POLLING, null, null).mode())
        .isEqualTo(UpdateSourceProperties.Mode.POLLING);
  }
}
