package org.smartassistant.tgbot.replies;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.smartassistant.tgbot.BotTest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.PendingMessagesSummary;
import org.springframework.test.context.TestPropertySource;

/**
 * Drafts of a streamed answer (docs/telegram.md "Streamed replies"): shown with sendMessageDraft in
 * a private chat and as one edited message in a group, best effort, never in the way of the answer;
 * "typing…" ends with the first draft or answer.
 */
@TestPropertySource(properties = "smart.telegram.group-drafts=true")
class DraftSenderTest extends BotTest {

  @Test
  void privateDraftsShowTheGrowingTextThenTheAnswerIsSentOnce() throws Exception {
    long chat = 5061;
    UUID answering = UUID.randomUUID();
    draft(chat, answering, "**Hel");
    draft(chat, answering, "**Hello wor");
    answer(chat, answering, "**Hello world**");

    TelegramCall sent = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);

    assertThat(sent.text()).isEqualTo("<b>Hello world</b>");
    List<TelegramCall> drafts = callsTo("sendMessageDraft", chat);
    assertThat(drafts)
        .extracting(TelegramCall::text)
        .containsExactly("<b>Hel</b>", "<b>Hello wor</b>");
    assertThat(drafts)
        .extracting(call -> call.param("draft_id"))
        .containsOnly(drafts.get(0).param("draft_id"));
    assertThat(drafts.get(0).param("draft_id")).isNotEqualTo("0");
    assertThat(drafts).allMatch(call -> call.receivedAt().isBefore(sent.receivedAt()));
    awaitNothingPending();
    assertThat(telegram.sentMessages(chat)).hasSize(1);
  }

  @Test
  void aRateLimitedDraftPausesTheDraftsButNotTheAnswer() throws Exception {
    long chat = 5062;
    UUID answering = UUID.randomUUID();
    telegram.rateLimitNextCalls("sendMessageDraft", 1, 30);
    draft(chat, answering, "Thinking about");
    draft(chat, answering, "Thinking about it");
    answer(chat, answering, "Thinking about it: yes.");

    TelegramCall sent = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);

    List<TelegramCall> drafts = callsTo("sendMessageDraft", chat);
    assertThat(drafts).extracting(TelegramCall::status).containsExactly(429);
    assertThat(Duration.between(drafts.get(0).receivedAt(), sent.receivedAt()))
        .isLessThan(Duration.ofSeconds(30));
    assertThat(callsTo("sendMessage", chat)).extracting(TelegramCall::status).containsExactly(200);
    awaitNothingPending();
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void inAGroupDraftsEditOneMessageWhichTheAnswerThenReplaces() throws Exception {
    long group = -5063;
    UUID answering = UUID.randomUUID();
    draft(group, answering, "Our next");
    draft(group, answering, "Our next meeting");
    draft(group, answering, "Our next meeting"); // unchanged: Telegram says "not modified"
    answer(group, answering, "Our next meeting is on *Monday*.");

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                callsTo("editMessageText", group).stream().anyMatch(TelegramCall::accepted)
                    && callsTo("editMessageText", group).size() >= 3);
    awaitNothingPending();

    List<TelegramCall> sent = callsTo("sendMessage", group);
    assertThat(sent).extracting(TelegramCall::text).containsExactly("Our next");
    int messageId = sent.get(0).messageId();
    List<TelegramCall> edits = callsTo("editMessageText", group);
    assertThat(edits)
        .allMatch(edit -> edit.param("message_id").equals(Integer.toString(messageId)));
    assertThat(edits)
        .extracting(TelegramCall::text, TelegramCall::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Our next meeting", 200),
            org.assertj.core.groups.Tuple.tuple("Our next meeting", 400),
            org.assertj.core.groups.Tuple.tuple("Our next meeting is on <i>Monday</i>.", 200));
    assertThat(edits.get(1).description()).contains("message is not modified");
    assertThat(callsTo("sendMessageDraft", group)).isEmpty();
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void anAnswerThatEqualsTheLastGroupDraftIsDoneWithoutASecondMessage() throws Exception {
    long group = -5064;
    UUID answering = UUID.randomUUID();
    draft(group, answering, "All done.");
    answer(group, answering, "All done.");

    await().atMost(PATIENCE).until(() -> callsTo("editMessageText", group).size() == 1);
    awaitNothingPending();

    assertThat(callsTo("sendMessage", group)).hasSize(1);
    assertThat(callsTo("editMessageText", group).get(0).description())
        .contains("message is not modified");
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void typingIsRenewedUntilTheAnswerAndNotAfter() throws Exception {
    long chat = 5065;
    telegram.pushTextMessage(chat, "think about it");
    Envelope message = awaitInbox(chat, 1).get(0);
    // shown at once, renewed after 4 s
    await().atMost(PATIENCE).until(() -> callsTo("sendChatAction", chat).size() >= 2);

    answer(chat, message.id(), "Thought about it.");
    TelegramCall sent = telegram.awaitSentMessages(chat, 1, PATIENCE).get(0);

    Thread.sleep(5_000); // more than one renewal period
    List<TelegramCall> typing = callsTo("sendChatAction", chat);
    assertThat(typing).allMatch(call -> "typing".equals(call.param("action")));
    assertThat(typing).allMatch(call -> call.receivedAt().isBefore(sent.receivedAt()));
  }

  private void draft(long chatId, UUID inReplyTo, String text) {
    publish(EnvelopeType.DRAFT, chatId, inReplyTo, text);
  }

  private void answer(long chatId, UUID inReplyTo, String text) {
    publish(EnvelopeType.REPLY, chatId, inReplyTo, text);
  }

  private void publish(EnvelopeType type, long chatId, UUID inReplyTo, String text) {
    publisher.publish(
        Envelope.of(type, Math.abs(chatId), chatId, text, "assistant", Instant.now())
            .withAttrs(Map.of("inReplyTo", inReplyTo.toString())));
  }

  private static void awaitNothingPending() {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              PendingMessagesSummary pending =
                  directRedis.opsForStream().pending(Streams.OUTBOX, Streams.TG_BOT_GROUP);
              return pending == null || pending.getTotalPendingMessages() == 0;
            });
  }

  /** Dead letters of the outbox coming from these tests (source assistant, chat of theirs). */
  private static List<Object> deadLetters() {
    return directRedis.opsForStream().range(Streams.dlq(Streams.OUTBOX), Range.unbounded()).stream()
        .map(record -> record.getValue().get("envelope"))
        .filter(envelope -> String.valueOf(envelope).contains("\"type\":\"draft\""))
        .map(envelope -> (Object) envelope)
        .toList();
  }

  private List<TelegramCall> callsTo(String method, long chatId) {
    return telegram.calls(method).stream()
        .filter(call -> call.chatId() != null && call.chatId() == chatId)
        .toList();
  }
}
