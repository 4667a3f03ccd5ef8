package org.smartassistant.tgbot.updates;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.fakes.telegram.NonTextKind;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;

class UpdateIntakeTest extends BotTest {

  @Test
  void textGoesToTheInboxAsUserMessageOfAnImplicitlyRegisteredUser() throws Exception {
    long chat = 5001;
    int update = telegram.pushTextMessage(chat, "remind me at 9 to call mum", "ann", "Ann");

    List<Envelope> inbox = awaitInbox(chat, 1);

    UserDto user = rest.userByTelegramId(chat);
    assertThat(user).isNotNull();
    assertThat(user.username()).isEqualTo("ann");
    assertThat(user.firstName()).isEqualTo("Ann");
    assertThat(inbox).hasSize(1);
    Envelope envelope = inbox.get(0);
    assertThat(envelope.type()).isEqualTo(EnvelopeType.USER_MESSAGE);
    assertThat(envelope.userId()).isEqualTo(user.id());
    assertThat(envelope.chatId()).isEqualTo(chat);
    assertThat(envelope.text()).isEqualTo("remind me at 9 to call mum");
    assertThat(envelope.source()).isEqualTo("telegram");
    assertThat(envelope.attr("telegramMessageId")).isNotBlank();
    // the update's trace, carried on; not sampled by default (no span is recorded without an
    // exporter, docs/operations.md), so its flags are 00
    assertThat(envelope.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00");
    telegram.awaitConfirmed(update, PATIENCE);
    List<TelegramCall> typing = telegram.awaitCalls("sendChatAction", 1, PATIENCE);
    assertThat(typing.get(0).chatId()).isEqualTo(chat);
    assertThat(typing.get(0).param("action")).isEqualTo("typing");
  }

  @Test
  void anUpdateIsConfirmedToTelegramOnlyAfterItsEnvelopeIsInTheInbox() throws Exception {
    long chat = 5002;
    telegram.pushTextMessage(chat, "hello"); // registers the user while Redis is reachable
    awaitInbox(chat, 1);

    int sentBefore = telegram.sentMessages(chat).size();
    redisProxy.cut();
    int update = telegram.pushTextMessage(chat, "written while Redis is down");
    // longer than the bounds of the intake's retries of other failures (about 7.5 s here): an
    // outage is waited out, however long, and never given up with an apology
    Thread.sleep(9_000);

    assertThat(telegram.isConfirmed(update)).isFalse();
    assertThat(inbox(chat)).hasSize(1);
    assertThat(telegram.sentMessages(chat)).hasSize(sentBefore);

    redisProxy.restore();
    telegram.awaitConfirmed(update, PATIENCE);
    List<Envelope> inbox = inbox(chat);
    assertThat(inbox)
        .extracting(Envelope::text)
        .containsExactly("hello", "written while Redis is down");
  }

  @Test
  void chatsOfABatchRunInParallelAndEachChatKeepsItsOrder() throws Exception {
    long busy = 5003;
    long slow = 5004;
    long quick = 5006;
    rest.slowLookup(busy, Duration.ofMillis(1500));
    rest.slowLookup(slow, Duration.ofMillis(1500));
    telegram.pushTextMessage(busy, "keeps the bot busy");
    awaitRequest("GET /api/users/by-telegram/" + busy);
    // while the bot takes in that batch, the next three updates queue up as one batch
    telegram.pushTextMessage(slow, "first of the slow chat");
    telegram.pushTextMessage(slow, "second of the slow chat");
    telegram.pushTextMessage(quick, "quick one");

    awaitInbox(slow, 2);

    List<Envelope> all =
        envelopes(Streams.INBOX).stream()
            .filter(e -> e.chatId() == busy || e.chatId() == slow || e.chatId() == quick)
            .toList();
    // the quick chat was pushed last but did not wait for the slow one; the slow chat kept order
    assertThat(all)
        .extracting(Envelope::text)
        .containsExactly(
            "keeps the bot busy", "quick one", "first of the slow chat", "second of the slow chat");
  }

  @Test
  void anUpdateThatKeepsFailingIsGivenUpWithAnApologyAndTheNextUpdatesGetThrough()
      throws Exception {
    long poisoned = 5007;
    long next = 5008;
    rest.failingLookup(poisoned);
    int stuck = telegram.pushTextMessage(poisoned, "rest-service fails on this one");
    awaitRequest("GET /api/users/by-telegram/" + poisoned);
    // its batch is not confirmed while it is retried: this one comes in the next batch
    int after = telegram.pushTextMessage(next, "comes in the next batch");

    assertThat(awaitInbox(next, 1))
        .extracting(Envelope::text)
        .containsExactly("comes in the next batch");
    telegram.awaitConfirmed(after, PATIENCE);
    telegram.awaitConfirmed(stuck, PATIENCE);
    List<TelegramCall> apology = telegram.awaitSentMessages(poisoned, 1, PATIENCE);
    assertThat(apology.get(0).text()).contains("something went wrong");
    assertThat(inbox(poisoned)).isEmpty();
  }

  private static void awaitRequest(String prefix) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (rest.requests().stream().noneMatch(r -> r.startsWith(prefix))) {
      assertThat(System.nanoTime() - deadline).as("waiting for " + prefix).isNegative();
      Thread.sleep(20);
    }
  }

  @Test
  void messagesTheBotCannotReadGetAClearAnswerAndNothingReachesTheInbox() throws Exception {
    long chat = 5005;
    List<NonTextKind> unreadable =
        List.of(NonTextKind.STICKER, NonTextKind.VIDEO, NonTextKind.LOCATION);
    for (NonTextKind kind : unreadable) {
      telegram.pushNonText(chat, kind);
    }

    List<TelegramCall> answers = telegram.awaitSentMessages(chat, unreadable.size(), PATIENCE);

    assertThat(answers)
        .allSatisfy(call -> assertThat(call.text()).contains("not this kind of message"));
    int last = telegram.pushTextMessage(chat, "now in text");
    awaitInbox(chat, 1);
    telegram.awaitConfirmed(last, PATIENCE);
    assertThat(inbox(chat)).extracting(Envelope::text).containsExactly("now in text");
  }

  @Test
  void voiceNotesPhotosAndDocumentsReachTheInboxAsFileReferencesWithTheirCaptions()
      throws Exception {
    long chat = 5009;
    telegram.pushVoice(chat, "hello".getBytes(StandardCharsets.UTF_8));
    telegram.pushPhoto(chat, new byte[] {9, 8, 7}, "look at this");
    int last =
        telegram.pushDocument(
            chat, "a,b\n1,2".getBytes(StandardCharsets.UTF_8), "data.csv", "text/csv", null);

    List<Envelope> inbox = awaitInbox(chat, 3);
    telegram.awaitConfirmed(last, PATIENCE);

    Envelope voice = inbox.get(0);
    assertThat(voice.type()).isEqualTo(EnvelopeType.USER_MESSAGE);
    assertThat(voice.text()).isNull();
    assertThat(voice.attr(EnvelopeAttribute.MEDIA_KIND)).isEqualTo("voice");
    assertThat(voice.attr(EnvelopeAttribute.TELEGRAM_FILE_ID)).isNotBlank();
    assertThat(voice.attr(EnvelopeAttribute.FILE_SIZE)).isEqualTo("5");
    assertThat(voice.attr(EnvelopeAttribute.FILE_MIME_TYPE)).isEqualTo("audio/ogg");
    Envelope photo = inbox.get(1);
    assertThat(photo.text()).isEqualTo("look at this");
    assertThat(photo.attr(EnvelopeAttribute.MEDIA_KIND)).isEqualTo("photo");
    // Telegram sends a preview and the original: the original (largest) is the one referenced
    assertThat(photo.attr(EnvelopeAttribute.FILE_SIZE)).isEqualTo("3");
    Envelope document = inbox.get(2);
    assertThat(document.attr(EnvelopeAttribute.MEDIA_KIND)).isEqualTo("document");
    assertThat(document.attr(EnvelopeAttribute.FILE_NAME)).isEqualTo("data.csv");
    assertThat(document.attr(EnvelopeAttribute.FILE_MIME_TYPE)).isEqualTo("text/csv");
    // nothing was downloaded on the way in
    assertThat(telegram.callCount("getFile")).isZero();
    assertThat(telegram.sentMessages(chat)).isEmpty();
  }
}
