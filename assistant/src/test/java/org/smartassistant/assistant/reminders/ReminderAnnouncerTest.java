package org.smartassistant.assistant.reminders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartassistant.common.stream.ReminderTiming.LATE;
import static org.smartassistant.common.stream.ReminderTiming.MISSED;
import static org.smartassistant.common.stream.ReminderTiming.ON_TIME;
import static org.smartassistant.common.stream.ReminderTiming.SKIPPED;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A {@code reminder_triggered} told to the user: real Redis (outbox, remembered answers), Spring
 * AI's OpenAI model against the fake OpenAI API, and the module's fake rest-service. The notices
 * carry the attributes cron-service sets.
 */
class ReminderAnnouncerTest extends AssistantFlowTest {

  @Autowired ReminderAnnouncer announcer;

  @Test
  void theSecretaryTellsTheReminderInItsOwnVoice() {
    long user = newUser("Jon", "Europe/Paris", "You are Jon's secretary.");
    llm.enqueue(OpenAiAnswer.text("Jon, time to call your mum!"));
    Envelope notice = reminderNotice(user, "call mum", NOW, ON_TIME);

    String told = announcer.announce(notice);

    assertThat(told).isEqualTo("Jon, time to call your mum!");
    Envelope message = onlyMessageOf(notice);
    assertThat(message.type()).isEqualTo(EnvelopeType.NOTIFICATION);
    assertThat(message.chatId()).isEqualTo(chatOf(user));
    assertThat(message.text()).isEqualTo("Jon, time to call your mum!");
    assertThat(message.attr("inReplyTo")).isEqualTo(notice.id().toString());
    assertThat(message.attr("inReplyToType")).isEqualTo("reminder_triggered");
    OpenAiRequest request = llm.lastRequest();
    assertThat(request.systemPrompt()).startsWith("You are Jon's secretary.");
    assertThat(request.lastUserText())
        .contains("Tell the user about this reminder")
        .contains("\"call mum\"");
    assertThat(request.toolNames()).isEmpty();
    // the told reminder joins the conversation, so the user can answer it
    assertThat(rest.messages(user))
        .extracting(MessageDto::role, MessageDto::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MessageRole.ASSISTANT, "Jon, time to call your mum!"));
  }

  @Test
  void aLateReminderSaysItIsLate() {
    long user = newUser("Lia", "Europe/Paris", "You are Lia's secretary.");
    llm.enqueue(OpenAiAnswer.text("Lia, a bit late: your call with Marco."));
    Instant due = NOW.minusSeconds(3 * 60);

    String told = announcer.announce(reminderNotice(user, "call Marco", due, LATE));

    assertThat(told)
        .startsWith("Lia, a bit late: your call with Marco.")
        .endsWith("_(Late: was due at 09:27 on Tuesday, 24 November 2026.)_");
    assertThat(llm.lastRequest().lastUserText())
        .contains("say that it comes late")
        .contains("09:27 on Tuesday, 24 November 2026, 3 minutes ago")
        .contains("\"call Marco\"");
  }

  @Test
  void aMissedReminderIsToldOnceThatItWasMissed() {
    long user = newUser("Mo", "UTC", "You are Mo's secretary.");
    llm.enqueue(OpenAiAnswer.text("Mo, I missed a reminder for you: renew the passport."));
    Envelope notice = reminderNotice(user, "renew the passport", NOW.minusSeconds(3_600), MISSED);

    String told = announcer.announce(notice);
    announcer.announce(notice);

    assertThat(told)
        .contains("renew the passport")
        .endsWith(
            "_(Missed: it was due at 07:30 on Tuesday, 24 November 2026 and could not be"
                + " delivered in time.)_");
    assertThat(llm.lastRequest().lastUserText()).contains("this reminder was missed");
    assertThat(messagesOf(notice)).hasSize(1);
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void aSkippedRunIsToldOnceThatItWasSkippedNotAsDueNow() {
    long user = newUser("Pia", "Europe/Berlin", "You are Pia's secretary.");
    llm.enqueue(OpenAiAnswer.text("Pia, I skipped this morning's reminder: vitamins."));
    Envelope notice = reminderNotice(user, "vitamins", NOW.minusSeconds(3_600), SKIPPED);

    String told = announcer.announce(notice);
    announcer.announce(notice);

    assertThat(told)
        .startsWith("Pia, I skipped this morning's reminder: vitamins.")
        .endsWith(
            "_(Skipped: it was due at 08:30 on Tuesday, 24 November 2026 and was missed while the"
                + " reminder service was unavailable; this reminder skips missed runs.)_");
    assertThat(llm.lastRequest().lastUserText())
        .contains("this reminder was skipped")
        .contains("do not present it as due now")
        .contains("\"vitamins\"");
    assertThat(messagesOf(notice)).hasSize(1);
    assertThat(llm.requests()).hasSize(1);
  }

  @Test
  void withTheModelDownASkippedRunStillSaysItWasSkipped() {
    long user = newUser("Rui", "UTC", "You are Rui's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.serverError());

    String told =
        announcer.announce(
            reminderNotice(user, "stand up", Instant.parse("2026-11-24T07:00:00Z"), SKIPPED));

    assertThat(told)
        .isEqualTo(
            "⏰ Skipped reminder: stand up\n\n_(Skipped: it was due at 07:00 on Tuesday, 24"
                + " November 2026 and was missed while the reminder service was unavailable; this"
                + " reminder skips missed runs.)_");
  }

  @Test
  void withTheModelDownTheRemindersOwnTextIsDelivered() {
    long user = newUser("Kim", "UTC", "You are Kim's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.serverError());
    Envelope notice = reminderNotice(user, "water the plants", NOW, ON_TIME);

    String told = announcer.announce(notice);

    assertThat(told).isEqualTo("⏰ Reminder: water the plants");
    assertThat(onlyMessageOf(notice).text()).isEqualTo("⏰ Reminder: water the plants");
    assertThat(llm.requests()).isNotEmpty();
  }

  @Test
  void withTheModelDownAMissedReminderStillSaysItWasMissed() {
    long user = newUser("Nia", "Asia/Tokyo", "You are Nia's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.error(401, "invalid api key"));

    String told =
        announcer.announce(
            reminderNotice(user, "pay the rent", Instant.parse("2026-11-23T00:00:00Z"), MISSED));

    assertThat(told)
        .isEqualTo(
            "⏰ Missed reminder: pay the rent\n\n_(Missed: it was due at 09:00 on Monday, 23"
                + " November 2026 and could not be delivered in time.)_");
  }

  @Test
  void theSameReminderNotifiedTwiceIsToldOnceAndAskedOnce() {
    long user = newUser("Ola", "UTC", "You are Ola's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.text("Ola, stretch your legs!"));
    Envelope first = reminderNotice(user, "stretch", NOW, ON_TIME);
    // the same reminder and time under another envelope id, as a second writer would send it
    Envelope second = first.withId(UUID.randomUUID());

    announcer.announce(first);
    announcer.announce(second);
    announcer.announce(first);

    List<Envelope> messages = messagesOfReminder(first.attr("reminderId"));
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).text()).isEqualTo("Ola, stretch your legs!");
    assertThat(llm.requests()).hasSize(1);
    assertThat(rest.messages(user)).hasSize(1);
  }

  @Test
  void aUserRestServiceDoesNotKnowStillGetsTheReminderInTheNoticesChat() {
    long stranger = userIds.incrementAndGet();

    String told = announcer.announce(reminderNotice(stranger, "feed the cat", NOW, ON_TIME));

    assertThat(told).isEqualTo("⏰ Reminder: feed the cat");
    assertThat(messagesOfReminder(null).stream().filter(m -> m.chatId() == chatOf(stranger)))
        .hasSize(1);
    assertThat(llm.requests()).isEmpty();
  }

  @Test
  void thePlainTextNeedsNothingButTheEnvelope() {
    Envelope notice = reminderNotice(1, "stand up", NOW.minusSeconds(120), LATE);

    assertThat(ReminderAnnouncer.plainText(notice))
        .isEqualTo(
            "⏰ Reminder: stand up\n\n_(Late: was due at 09:28 on Tuesday, 24 November 2026.)_");
  }

  // ---------------------------------------------------------------- helpers

  List<Envelope> messagesOf(Envelope notice) {
    return messagesOfReminder(notice.attr("reminderId"));
  }

  List<Envelope> messagesOfReminder(String reminderId) {
    return outbox().stream()
        .filter(message -> reminderId == null || reminderId.equals(message.attr("reminderId")))
        .toList();
  }

  Envelope onlyMessageOf(Envelope notice) {
    List<Envelope> messages = messagesOf(notice);
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }
}
