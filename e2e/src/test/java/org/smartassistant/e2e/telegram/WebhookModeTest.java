package org.smartassistant.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;

/**
 * A tg-bot in webhook mode sets its webhook with a secret; an update Telegram posts there with the
 * secret is answered through the whole suite, and one with a wrong or missing secret is refused
 * with 401 and reaches neither the inbox nor the model.
 */
class WebhookModeTest {

  static final String SECRET = "e2e-webhook-secret-0123456789";

  static TelegramFixture fixture;
  static FakeTelegramBotApi telegram;
  static ServiceProcess webhookBot;

  @BeforeAll
  static void startAWebhookBot() throws InterruptedException {
    fixture = TelegramFixture.get();
    telegram = fixture.telegram;
    int port = Suite.freePort();
    webhookBot =
        fixture.suite.start(
            Service.TG_BOT,
            port,
            Map.of(
                "TELEGRAM_MODE",
                "webhook",
                "TELEGRAM_WEBHOOK_URL",
                "http://127.0.0.1:" + port + "/telegram/webhook",
                "TELEGRAM_WEBHOOK_SECRET",
                SECRET));
    webhookBot.awaitReady(TelegramFixture.PATIENCE);
    await()
        .atMost(TelegramFixture.PATIENCE)
        .until(
            () -> ("http://127.0.0.1:" + port + "/telegram/webhook").equals(telegram.webhookUrl()));
  }

  @AfterAll
  static void stopIt() throws InterruptedException {
    if (webhookBot != null) {
      webhookBot.stop();
    }
  }

  @Test
  void anUpdatePostedWithTheSecretIsAnswered() {
    assertThat(telegram.webhookSecret()).isEqualTo(SECRET);
    long user = 1148;

    assertThat(telegram.postTextMessageToWebhook(user, "/start")).isEqualTo(200);
    telegram.awaitSentMessages(user, 1, TelegramFixture.PATIENCE);
    assertThat(telegram.postTextMessageToWebhook(user, "Hello by webhook")).isEqualTo(200);

    await()
        .atMost(TelegramFixture.PATIENCE)
        .until(() -> telegram.sentTexts(user).contains("You said: Hello by webhook"));
  }

  @Test
  void aWrongOrMissingSecretGets401AndReachesNothing() {
    long user = 1149;
    int before = fixture.suite.llm().requests().size();

    assertThat(telegram.postTextMessageToWebhook(user, "forged one", "wrong-secret"))
        .isEqualTo(401);
    assertThat(telegram.postTextMessageToWebhook(user, "forged two", null)).isEqualTo(401);

    assertThat(fixture.inbox(user)).isEmpty();
    assertThat(
            fixture.suite.llm().requests().subList(before, fixture.suite.llm().requests().size()))
        .noneMatch(request -> request.body().contains("forged"));
    assertThat(telegram.sentTexts(user)).isEmpty();
  }
}
