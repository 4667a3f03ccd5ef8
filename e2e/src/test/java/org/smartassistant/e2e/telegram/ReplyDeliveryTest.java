package org.smartassistant.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartassistant.testsupport.TestTexts.paragraphs;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/**
 * Replies put into the outbox (as the assistant writes them) reach the fake Telegram through the
 * real tg-bot: long ones split, broken Markdown delivered, a 429 waited out.
 */
class ReplyDeliveryTest {

  private final TelegramFixture fixture = TelegramFixture.get();

  @BeforeEach
  void quiet() {
    // a reply still on its way from an earlier scenario must not take the faults injected here
    fixture.awaitQuiet();
  }

  @Test
  void aNineThousandCharacterReplyArrivesAsThreeMessagesSplitAtParagraphs() {
    long chat = 1021;
    String text = paragraphs(9_000);
    fixture.reply(900_021, chat, text);

    List<TelegramCall> sent = fixture.telegram.awaitSentMessages(chat, 3, TelegramFixture.PATIENCE);

    assertThat(sent).hasSize(3);
    for (TelegramCall part : sent) {
      assertThat(part.text().length()).isLessThanOrEqualTo(4096);
      assertThat(part.text()).startsWith("Paragraph ").endsWith(".");
    }
    assertThat(String.join("\n\n", sent.stream().map(TelegramCall::text).toList())).isEqualTo(text);
  }

  @Test
  void brokenMarkdownStillArrives() {
    long chat = 1022;
    fixture.reply(900_022, chat, "**Unclosed bold, a `tick and <b>raw & html");

    TelegramCall sent =
        fixture.telegram.awaitSentMessages(chat, 1, TelegramFixture.PATIENCE).get(0);

    assertThat(sent.parseMode()).isEqualToIgnoringCase("HTML");
    assertThat(sent.text()).isEqualTo("**Unclosed bold, a `tick and &lt;b&gt;raw &amp; html");
  }

  @Test
  void aReplyWhoseFormattingTelegramRejectsArrivesAsPlainText() {
    long chat = 1023;
    fixture.telegram.rejectNextFormattedSendMessages(1);
    fixture.reply(900_023, chat, "**Bold** and a [link](https://example.org)");

    TelegramCall sent =
        fixture.telegram.awaitSentMessages(chat, 1, TelegramFixture.PATIENCE).get(0);

    assertThat(sent.parseMode()).isNull();
    assertThat(sent.text()).isEqualTo("Bold and a link (https://example.org)");
    assertThat(fixture.telegram.calls("sendMessage").stream().filter(c -> c.chatId() == chat))
        .extracting(TelegramCall::status)
        .containsExactly(400, 200);
  }

  @Test
  void aRateLimitedReplyArrivesOnceAfterRetryAfter() throws Exception {
    long chat = 1024;
    fixture.telegram.rateLimitNextSendMessages(1, 2);
    fixture.reply(900_024, chat, "after the wait");

    TelegramCall sent =
        fixture.telegram.awaitSentMessages(chat, 1, TelegramFixture.PATIENCE).get(0);

    List<TelegramCall> calls =
        fixture.telegram.calls("sendMessage").stream().filter(c -> c.chatId() == chat).toList();
    assertThat(calls).extracting(TelegramCall::status).containsExactly(429, 200);
    assertThat(Duration.between(calls.get(0).receivedAt(), sent.receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    fixture.awaitQuiet(); // acknowledged, nothing more on its way
    assertThat(fixture.telegram.sentTexts(chat)).containsExactly("after the wait");
  }
}
