package org.smartassistant.tgbot.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service starts while Telegram is unreachable and begins polling once Telegram is there; its
 * logs never show the bot token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@UseTestInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class TelegramPollingTest {

  private static final int PORT = freePort();
  private static FakeTelegramBotApi telegram;

  @Autowired TelegramPolling polling;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("smart.telegram.bot-token", () -> "4343:later-token");
    registry.add("smart.telegram.api-url", () -> "http://127.0.0.1:" + PORT);
    registry.add("smart.telegram.poll-timeout", () -> "1s");
  }

  @AfterAll
  static void stopTelegram() {
    if (telegram != null) {
      telegram.close();
    }
  }

  @Test
  void startsWithoutTelegramAndPollsOnceItIsReachable() {
    assertThat(polling.isRunning()).isTrue();
    assertThat(polling.health().getStatus()).isEqualTo(Status.UNKNOWN);

    telegram = new FakeTelegramBotApi(PORT).start();

    telegram.awaitPolling(Duration.ofSeconds(30));
    assertThat(telegram.calls("deleteWebhook")).isNotEmpty();
    assertThat(polling.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void botTokensNeverAppearInTheLogs(CapturedOutput output) {
    // the token of a test is set after logging starts, so this one is recognised by its shape
    // built in parts so that no token-shaped literal sits in the sources
    String token = "7000000001:" + "AAH3x-9_" + "abcdefghijklmnopqrstuvwxyz12";
    LoggerFactory.getLogger(TelegramPollingTest.class)
        .warn("calling http://127.0.0.1/bot" + token + "/getMe failed");

    assertThat(output.getOut())
        .contains("bot7000000001:***/getMe")
        .doesNotContain("AAH3x-9_abcdefghijklmnopqrstuvwxyz12");
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
