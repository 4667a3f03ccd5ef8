package org.smartassistant.tgbot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BotTokenMaskingTest {

  @Test
  void masksTheConfiguredTokenWhereverItAppears() {
    BotTokenMasking masking = new BotTokenMasking("123456:suite-test-token");

    assertThat(masking.mask("POST http://127.0.0.1/bot123456:suite-test-token/sendmessage failed"))
        .isEqualTo("POST http://127.0.0.1/bot123456:***/sendmessage failed")
        .doesNotContain("suite-test-token");
  }

  /** Shaped like a real token, built in parts so no token-shaped literal sits in the sources. */
  static final String FAKE_SHAPED_TOKEN =
      "7000000001:" + "AAH3x-9_" + "abcdefghijklmnopqrstuvwxyz12";

  @Test
  void masksAnythingShapedLikeABotApiToken() {
    BotTokenMasking masking = new BotTokenMasking((String) null);

    assertThat(masking.mask("url=https://api.telegram.org/bot" + FAKE_SHAPED_TOKEN + "/getMe"))
        .isEqualTo("url=https://api.telegram.org/bot7000000001:***/getMe");
  }

  @Test
  void leavesOrdinaryTextAlone() {
    BotTokenMasking masking = new BotTokenMasking("123456:suite-test-token");

    assertThat(masking.mask("at 10:30 the user 42 wrote")).isEqualTo("at 10:30 the user 42 wrote");
  }
}
