package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;

/**
 * Replies streamed through the whole Telegram path. The user sees drafts grow ({@code
 * sendMessageDraft}) while the model writes, then the one complete message; drafts Telegram refuses
 * change nothing of it; a tool called mid-stream acts once; "typing…" is kept up while the model
 * thinks and never follows the answer.
 */
class StreamedReplyTest {

  static final String ANSWER =
      "Streaming lets you read the beginning of my answer while I am still writing the rest of"
          + " it, which feels much faster.";

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;

  @BeforeEach
  void freshModel() {
    llm.reset();
  }

  @AfterEach
  void forgetScript() {
    llm.reset();
  }

  /** The model answers the named user slowly: 20 pieces, 150 ms apart, about 3 s. */
  void slowAnswerFor(String name) {
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: " + name + ".")
                    && !String.valueOf(request.lastUserText()).startsWith("/")
                ? OpenAiAnswer.text(ANSWER).withChunkDelay(Duration.ofMillis(150))
                : null);
  }

  @Test
  void aThreeSecondAnswerShowsGrowingDraftsThenArrivesAsOneMessage() {
    UserDto user = fixture.start(1076, "Sven", "UTC");
    slowAnswerFor("Sven");
    long chat = user.telegramId();
    int before = fixture.sentTexts(user).size();

    assertThat(fixture.say(user, "Why stream?")).isEqualTo(ANSWER);

    List<TelegramCall> drafts = accepted(draftsTo(chat));
    assertThat(drafts).hasSizeGreaterThanOrEqualTo(2);
    int draftId = Integer.parseInt(drafts.get(0).param("draft_id"));
    assertThat(draftId).isNotZero();
    for (int i = 0; i < drafts.size(); i++) {
      assertThat(drafts.get(i).param("draft_id")).isEqualTo(Integer.toString(draftId));
      assertThat(ANSWER).startsWith(drafts.get(i).text());
      if (i > 0) {
        assertThat(drafts.get(i).text().length()).isGreaterThan(drafts.get(i - 1).text().length());
      }
    }
    Instant finalSent = fixture.telegram.sentMessages(chat).get(before).receivedAt();
    assertThat(drafts).allMatch(draft -> draft.receivedAt().isBefore(finalSent));
    // one complete message, no second one later
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);
    assertThat(typingTo(chat)).allMatch(typing -> typing.receivedAt().isBefore(finalSent));
  }

  @Test
  void draftsTelegramRateLimitsDoNotHoldUpTheOneFinalMessage() {
    UserDto user = fixture.start(1077, "Tilda", "UTC");
    slowAnswerFor("Tilda");
    long chat = user.telegramId();
    int before = fixture.sentTexts(user).size();
    // the first draft is answered 429 with a long retry_after: drafts pause, the answer must not
    fixture.telegram.rateLimitNextCalls("sendMessageDraft", 1, 30);

    assertThat(fixture.say(user, "Why stream?")).isEqualTo(ANSWER);

    List<TelegramCall> drafts = draftsTo(chat);
    assertThat(drafts).isNotEmpty();
    assertThat(drafts.get(0).status()).isEqualTo(429);
    Instant refused = drafts.get(0).receivedAt();
    TelegramCall sent = fixture.telegram.sentMessages(chat).get(before);
    assertThat(Duration.between(refused, sent.receivedAt())).isLessThan(Duration.ofSeconds(30));
    // drafts stay paused for the retry_after; the message went out once, unchanged
    assertThat(draftsTo(chat)).hasSize(1);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);
    assertThat(fixture.telegram.calls("sendMessage").stream().filter(c -> c.chatId() == chat))
        .allMatch(TelegramCall::accepted);
  }

  @Test
  void aReminderCreatedMidStreamExistsOnceAndOneMessageFollows() {
    UserDto user = fixture.start(1078, "Ursula", "Europe/Berlin");
    LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Berlin")).plusDays(1);
    llm.respondWith(
        request -> {
          if (!request.systemPromptContains("Name: Ursula.")
              || String.valueOf(request.lastUserText()).startsWith("/")) {
            return null;
          }
          return request.answersToolCalls()
              ? OpenAiAnswer.text("Done: I will remind you to water the plants tomorrow at 9.")
                  .withChunkDelay(Duration.ofMillis(100))
              : OpenAiAnswer.toolCall(
                      "reminder_create",
                      "{\"text\":\"water the plants\",\"when\":\"" + tomorrow + "T09:00\"}")
                  .withPreface("Let me write that down for you. ")
                  .withChunkDelay(Duration.ofMillis(200));
        });
    int before = fixture.sentTexts(user).size();

    String reply = fixture.say(user, "Remind me to water the plants tomorrow at 9.");

    assertThat(reply).isEqualTo("Done: I will remind you to water the plants tomorrow at 9.");
    List<ReminderDto> reminders = fixture.rest.reminders(user.id(), null, null, 0, 200).items();
    assertThat(reminders).extracting(ReminderDto::text).containsExactly("water the plants");
    assertThat(accepted(draftsTo(user.telegramId()))).isNotEmpty();
    List<OpenAiRequest> requests =
        llm.requests().stream().filter(r -> r.systemPromptContains("Name: Ursula.")).toList();
    assertThat(requests).hasSize(2);
    assertThat(requests).allMatch(OpenAiRequest::stream);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);
    assertThat(fixture.rest.reminders(user.id(), null, null, 0, 200).items()).hasSize(1);
  }

  @Test
  void typingIsRenewedDuringATwelveSecondModelCallAndNeverSentAfterTheAnswer() {
    UserDto user = fixture.start(1079, "Viktor", "UTC");
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Viktor.")
                    && !String.valueOf(request.lastUserText()).startsWith("/")
                ? OpenAiAnswer.text("Sorry for the wait.").withLatency(Duration.ofSeconds(12))
                : null);
    long chat = user.telegramId();
    int before = fixture.sentTexts(user).size();
    int typingBefore = typingTo(chat).size();

    assertThat(fixture.say(user, "Think hard.")).isEqualTo("Sorry for the wait.");

    Instant answered = fixture.telegram.sentMessages(chat).get(before).receivedAt();
    Instant firstDraft =
        accepted(draftsTo(chat)).stream()
            .map(TelegramCall::receivedAt)
            .filter(at -> at.isAfter(answered.minusSeconds(20)))
            .findFirst()
            .orElse(answered);
    List<TelegramCall> typing = typingTo(chat).subList(typingBefore, typingTo(chat).size());
    // shown once when the message was taken in, then renewed at least twice
    assertThat(typing).hasSizeGreaterThanOrEqualTo(3);
    assertThat(typing).allMatch(call -> "typing".equals(call.param("action")));
    // nothing after the answer (or its first draft), not even later
    await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).until(() -> true);
    assertThat(typingTo(chat).subList(typingBefore, typingTo(chat).size()))
        .allMatch(call -> call.receivedAt().isBefore(firstDraft));
  }

  List<TelegramCall> draftsTo(long chat) {
    return fixture.telegram.calls("sendMessageDraft").stream()
        .filter(c -> c.chatId() != null && c.chatId() == chat)
        .toList();
  }

  List<TelegramCall> typingTo(long chat) {
    return fixture.telegram.calls("sendChatAction").stream()
        .filter(c -> c.chatId() != null && c.chatId() == chat)
        .toList();
  }

  static List<TelegramCall> accepted(List<TelegramCall> calls) {
    return calls.stream().filter(TelegramCall::accepted).toList();
  }
}
