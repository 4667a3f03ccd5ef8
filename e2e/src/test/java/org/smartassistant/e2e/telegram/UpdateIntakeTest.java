package org.smartassistant.e2e.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.telegram.NonTextKind;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/**
 * What tg-bot lets into the inbox: texts of allowed users (and only after they are there is the
 * update confirmed to Telegram), never anything of others, never stickers, videos and the like.
 */
class UpdateIntakeTest {

  private final TelegramFixture fixture = TelegramFixture.get();

  @Test
  void aUserNotOnTheAllowlistGetsOneRefusalAndNothingReachesTheInbox() {
    long stranger = 4242; // the suite allows 1001..1200
    long inboxBefore = fixture.inboxLength();
    fixture.telegram.pushTextMessage(stranger, "hello?");
    int last = fixture.telegram.pushTextMessage(stranger, "is anybody there?");

    fixture.telegram.awaitConfirmed(last, TelegramFixture.PATIENCE);
    List<TelegramCall> sent =
        fixture.telegram.awaitSentMessages(stranger, 1, TelegramFixture.PATIENCE);

    assertThat(sent.get(0).text()).contains("private").contains("4242");
    assertThat(fixture.inbox(stranger)).isEmpty();
    assertThat(fixture.inboxLength()).isEqualTo(inboxBefore);
    fixture.awaitQuiet();
    assertThat(fixture.telegram.sentMessages(stranger)).hasSize(1);
  }

  @Test
  void aTextIsInTheInboxByTheTimeItsUpdateIsConfirmed() {
    long chat = 1031;
    int update = fixture.telegram.pushTextMessage(chat, "what time is it?", "ivy", "Ivy");

    fixture.telegram.awaitConfirmed(update, TelegramFixture.PATIENCE);

    List<Envelope> inbox = fixture.inbox(chat);
    assertThat(inbox).hasSize(1);
    Envelope envelope = inbox.get(0);
    assertThat(envelope.type()).isEqualTo(EnvelopeType.USER_MESSAGE);
    assertThat(envelope.text()).isEqualTo("what time is it?");
    assertThat(envelope.userId()).isEqualTo(fixture.rest.userByTelegramId(chat).id());
    assertThat(envelope.source()).isEqualTo("telegram");
    assertThat(envelope.attr("telegramMessageId")).isNotBlank();
  }

  @Test
  void messagesTheBotCannotReadAreAnsweredAndNeverReachTheInbox() {
    long chat = 1032;
    fixture.telegram.pushNonText(chat, NonTextKind.STICKER);
    int last = fixture.telegram.pushNonText(chat, NonTextKind.VIDEO);

    fixture.telegram.awaitConfirmed(last, TelegramFixture.PATIENCE);
    List<TelegramCall> sent = fixture.telegram.awaitSentMessages(chat, 2, TelegramFixture.PATIENCE);

    assertThat(sent)
        .allSatisfy(call -> assertThat(call.text()).contains("not this kind of message"));
    assertThat(fixture.inbox(chat)).isEmpty();
  }
}
