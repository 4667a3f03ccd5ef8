package org.smartassistant.tgbot.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.smartassistant.testsupport.TestTexts.paragraphs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;
import org.smartassistant.tgbot.format.MessageSplitter;
import org.smartassistant.tgbot.format.StyledText;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;

class TelegramReplySenderTest extends BotTest {

  @Test
  void theModelsMarkdownArrivesAsTelegramHtmlAndTheEntryIsAcknowledged() throws Exception {
    long chat = 5030;
    reply(chat, chat, "**Done.** I'll remind you to call _mum_ at 9 < 10.");

    TelegramCall sent = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);

    assertThat(sent.parseMode()).isEqualToIgnoringCase("HTML");
    assertThat(sent.text())
        .isEqualTo("<b>Done.</b> I'll remind you to call <i>mum</i> at 9 &lt; 10.");
    awaitNothingPending();
  }

  @Test
  void aNineThousandCharacterReplyArrivesAsThreeMessagesSplitAtParagraphs() throws Exception {
    long chat = 5031;
    String text = paragraphs(9_000);
    reply(chat, chat, text);

    List<TelegramCall> sent = telegram.awaitSentMessages(chat, 3, PATIENCE);

    assertThat(sent).hasSize(3);
    for (TelegramCall part : sent) {
      assertThat(part.text().length()).isLessThanOrEqualTo(4096);
      assertThat(part.text()).startsWith("Paragraph ").endsWith(".");
    }
    assertThat(String.join("\n\n", sent.stream().map(TelegramCall::text).toList())).isEqualTo(text);
    Thread.sleep(300);
    assertThat(telegram.sentMessages(chat)).hasSize(3);
  }

  @Test
  void formattingTelegramRejectsIsSentAgainAsPlainText() throws Exception {
    long chat = 5032;
    telegram.rejectNextFormattedSendMessages(1);
    reply(chat, chat, "**Broken* markdown with a [link](https://example.org) and <tags>");

    List<TelegramCall> sent = telegram.awaitSentMessages(chat, 1, PATIENCE);

    assertThat(sent.get(0).parseMode()).isNull();
    assertThat(sent.get(0).text())
        .isEqualTo("*Broken markdown with a link (https://example.org) and <tags>");
    assertThat(telegram.calls("sendMessage")).hasSize(2);
  }

  @Test
  void aRateLimitedMessageArrivesOnceAfterTheRetryAfterWait() throws Exception {
    long chat = 5033;
    telegram.rateLimitNextSendMessages(1, 2);
    reply(chat, chat, "patience");

    TelegramCall sent = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);

    List<TelegramCall> calls = telegram.calls("sendMessage");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(0).status()).isEqualTo(429);
    assertThat(Duration.between(calls.get(0).receivedAt(), sent.receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));
    Thread.sleep(300);
    assertThat(telegram.sentMessages(chat)).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedAndTheReplyArrivesOnce() throws Exception {
    long chat = 5034;
    telegram.failNextCalls("sendMessage", 2, 502);
    reply(chat, chat, "after a hiccup");

    telegram.awaitSentMessages(chat, 1, PATIENCE);

    Thread.sleep(300);
    assertThat(telegram.sentMessages(chat))
        .extracting(TelegramCall::text)
        .containsExactly("after a hiccup");
  }

  @Test
  void aUserWhoBlockedTheBotIsMarkedAndSkippedUntilTheyWriteAgain() throws Exception {
    long chat = 5035;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    telegram.blockChat(chat);
    reply(user.id(), chat, "are you there?");

    awaitStatus(chat, UserStatus.BLOCKED);
    awaitNothingPending();
    reply(user.id(), chat, "second reply while blocked");
    awaitNothingPending();
    assertThat(telegram.calls("sendMessage")).hasSize(1); // only the first ever reached Telegram

    telegram.unblockChat(chat);
    telegram.pushTextMessage(chat, "I'm back");
    awaitInbox(chat, 1);
    awaitStatus(chat, UserStatus.ACTIVE);
    reply(user.id(), chat, "welcome back");
    assertThat(telegram.awaitSentMessages(chat, 1, PATIENCE).get(0).text())
        .isEqualTo("welcome back");
  }

  @Test
  void anAnswerToAUserMessageIsSentToAMarkedChatAndOtherRepliesAreSkipped() throws Exception {
    long chat = 5039;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    // marked, and not lifted since: say the user blocked the bot after writing, and then unblocked
    // it without writing again
    markBlocked(chat, user);

    toOutbox(
        EnvelopeType.NOTIFICATION, user.id(), chat, "a reminder", answering("reminder_triggered"));
    awaitNothingPending();
    toOutbox(EnvelopeType.REPLY, user.id(), chat, "the answer", answering("user_message"));

    assertThat(telegram.awaitSentMessages(chat, 1, PATIENCE))
        .extracting(TelegramCall::text)
        .containsExactly("the answer");
    awaitNothingPending();
    assertThat(telegram.sentMessages(chat)).hasSize(1); // the notification was skipped
  }

  @Test
  void aMarkedChatWhoseUserIsStillActiveIsLiftedWhenTheUserWrites() throws Exception {
    long chat = 5040;
    UserDto user = rest.addUser(chat, UserStatus.ACTIVE);
    // marked, but the user's status was never changed (rest-service was not reachable then)
    markBlocked(chat, user);

    telegram.pushTextMessage(chat, "still there?");

    assertThat(awaitInbox(chat, 1)).extracting(Envelope::text).containsExactly("still there?");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> assertThat(directRedis.hasKey(markOf(chat))).as("the mark is lifted").isFalse());
    toOutbox(EnvelopeType.NOTIFICATION, user.id(), chat, "a reminder", Map.of());
    assertThat(telegram.awaitSentMessages(chat, 1, PATIENCE))
        .extracting(TelegramCall::text)
        .containsExactly("a reminder");
  }

  @Test
  void aMessageTelegramRefusesEndsInTheDeadLetterStream() throws Exception {
    long chat = 5036;
    telegram.failNextCalls("sendMessage", 3, 400);
    Envelope envelope = reply(chat, chat, "refused thrice");

    List<MapRecord<String, Object, Object>> dead = awaitDeadLetter(envelope.id());

    assertThat(dead).hasSize(1);
    assertThat((String) dead.get(0).getValue().get("error")).contains("Bad Request");
    assertThat(telegram.sentMessages(chat)).isEmpty();
  }

  @Test
  void aReplyDeliveredAgainContinuesWithTheFirstPartNotYetSent() throws Exception {
    long chat = 5037;
    // an earlier delivery sent part 0, then failed on part 1 until the reply was dead-lettered; the
    // operator put it back (a replay: the same envelope, marked)
    Envelope envelope =
        threePartReplyWithPartZeroMarkedSent(
            chat, Map.of(EnvelopeAttribute.REPLAY_OF.wireName(), "1-0"));

    telegram.awaitSentMessages(chat, 2, PATIENCE);
    awaitNothingPending();

    List<StyledText> parts =
        new MessageSplitter().split(new TelegramMarkdown().render(envelope.text()));
    assertThat(parts).hasSize(3);
    assertThat(telegram.sentMessages(chat))
        .extracting(TelegramCall::text)
        .containsExactly(parts.get(1).html(), parts.get(2).html());
  }

  @Test
  void aReplyOnItsFirstDeliveryLooksUpNoPartsSentBefore() throws Exception {
    long chat = 5038;
    // a mark no earlier delivery can have left: a reply read as new had none, so it is not looked
    // up (it would skip part 0)
    Envelope envelope = threePartReplyWithPartZeroMarkedSent(chat, Map.of());

    telegram.awaitSentMessages(chat, 3, PATIENCE);
    awaitNothingPending();

    assertThat(telegram.sentMessages(chat)).hasSize(3);
    assertThat(directRedis.hasKey("tg-bot:sent:" + envelope.id() + ":2")).isTrue();
  }

  /** Marks the chat as one whose user blocked the bot, the way tg-bot does on a 403. */
  private static void markBlocked(long chat, UserDto user) {
    directRedis.opsForValue().set(markOf(chat), String.valueOf(user.id()));
  }

  private static String markOf(long chat) {
    return "tg-bot:bot-blocked:" + chat;
  }

  private static Map<String, String> answering(String inboxType) {
    return Map.of(EnvelopeAttribute.IN_REPLY_TO_TYPE.wireName(), inboxType);
  }

  /** Publishes a reply of 9000 characters (three parts), its part 0 marked as sent before. */
  private Envelope threePartReplyWithPartZeroMarkedSent(long chat, Map<String, String> attrs) {
    Envelope envelope =
        Envelope.of(EnvelopeType.REPLY, chat, chat, paragraphs(9_000), "assistant", Instant.now())
            .withAttrs(attrs);
    directRedis.opsForValue().set("tg-bot:sent:" + envelope.id() + ":0", "1");
    publisher.publish(envelope);
    return envelope;
  }

  private static void awaitNothingPending() throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      PendingMessagesSummary pending =
          directRedis.opsForStream().pending(Streams.OUTBOX, Streams.TG_BOT_GROUP);
      if (pending == null || pending.getTotalPendingMessages() == 0) {
        return;
      }
      assertThat(Instant.now()).as("outbox entries still pending").isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static void awaitStatus(long telegramId, UserStatus status) throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (rest.userByTelegramId(telegramId).status() != status) {
      assertThat(Instant.now()).as("user status " + status).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private static List<MapRecord<String, Object, Object>> awaitDeadLetter(UUID envelopeId)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(PATIENCE);
    while (true) {
      List<MapRecord<String, Object, Object>> dead =
          directRedis.opsForStream().range(Streams.dlq(Streams.OUTBOX), Range.unbounded()).stream()
              .filter(
                  r -> String.valueOf(r.getValue().get("envelope")).contains(envelopeId.toString()))
              .toList();
      if (!dead.isEmpty() || Instant.now().isAfter(deadline)) {
        return dead;
      }
      Thread.sleep(50);
    }
  }
}
