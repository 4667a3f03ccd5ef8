package org.smartassistant.assistant.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.FakeRestService;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.testsupport.UseTestInfrastructure;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A {@code reminder_triggered} told to the user: real Redis (outbox, remembered answers), Spring
 * AI's OpenAI model against the fake OpenAI API, and the module's fake rest-service. The notices
 * carry the attributes cron-service sets. "Now" is Tuesday 24 November 2026, 08:30 UTC.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@UseTestInfrastructure
class ReminderAnnouncerTest {

  static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");

  static final FakeOpenAi llm = new FakeOpenAi().start();
  static final FakeRestService rest = new FakeRestService();
  static final AtomicLong userIds = new AtomicLong(7_000);

  @Autowired ReminderAnnouncer announcer;
  @Autowired StringRedisTemplate redis;

  final EnvelopeCodec codec = new EnvelopeCodec();

  @TestConfiguration
  static class FixedClock {
    @Bean
    @Primary
    Clock testClock() {
      return Clock.fixed(NOW, ZoneOffset.UTC);
    }
  }

  @DynamicPropertySource
  static void outside(DynamicPropertyRegistry registry) {
    registry.add("smart.rest-service.url", rest::baseUrl);
    registry.add("smart.internal.token", () -> FakeRestService.TOKEN);
    registry.add("smart.llm.openai.base-url", llm::apiUrl);
    registry.add("smart.llm.openai.api-key", () -> "test-key");
    registry.add("smart.llm.timeout", () -> "5s");
  }

  @AfterAll
  static void stopFakes() {
    llm.close();
    rest.close();
  }

  @BeforeEach
  void resetLlm() {
    llm.reset();
  }

  @Test
  void theSecretaryTellsTheReminderInItsOwnVoice() {
    long user = newUser("Jon", "Europe/Paris", "You are Jon's secretary.");
    llm.enqueue(OpenAiAnswer.text("Jon, time to call your mum!"));
    Envelope notice = notice(user, "call mum", NOW, "delivered");

    String told = announcer.announce(notice);

    assertThat(told).isEqualTo("Jon, time to call your mum!");
    Envelope message = onlyMessageOf(notice);
    assertThat(message.type()).isEqualTo(EnvelopeType.NOTIFICATION);
    assertThat(message.chatId()).isEqualTo(chatOf(user));
    assertThat(message.text()).isEqualTo("Jon, time to call your mum!");
    assertThat(message.attr("inReplyTo")).isEqualTo(notice.id().toString());
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

    String told = announcer.announce(notice(user, "call Marco", due, "late"));

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
    Envelope notice = notice(user, "renew the passport", NOW.minusSeconds(3_600), "missed");

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
  void withTheModelDownTheRemindersOwnTextIsDelivered() {
    long user = newUser("Kim", "UTC", "You are Kim's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.serverError());
    Envelope notice = notice(user, "water the plants", NOW, "delivered");

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
            notice(user, "pay the rent", Instant.parse("2026-11-23T00:00:00Z"), "missed"));

    assertThat(told)
        .isEqualTo(
            "⏰ Missed reminder: pay the rent\n\n_(Missed: it was due at 09:00 on Monday, 23"
                + " November 2026 and could not be delivered in time.)_");
  }

  @Test
  void theSameReminderNotifiedTwiceIsToldOnceAndAskedOnce() {
    long user = newUser("Ola", "UTC", "You are Ola's secretary.");
    llm.setDefaultAnswer(OpenAiAnswer.text("Ola, stretch your legs!"));
    Envelope first = notice(user, "stretch", NOW, "delivered");
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

    String told = announcer.announce(notice(stranger, "feed the cat", NOW, "delivered"));

    assertThat(told).isEqualTo("⏰ Reminder: feed the cat");
    assertThat(messagesOfReminder(null).stream().filter(m -> m.chatId() == chatOf(stranger)))
        .hasSize(1);
    assertThat(llm.requests()).isEmpty();
  }

  @Test
  void thePlainTextNeedsNothingButTheEnvelope() {
    Envelope notice = notice(1, "stand up", NOW.minusSeconds(120), "late");

    assertThat(ReminderAnnouncer.plainText(notice))
        .isEqualTo(
            "⏰ Reminder: stand up\n\n_(Late: was due at 09:28 on Tuesday, 24 November 2026.)_");
  }

  // ---------------------------------------------------------------- helpers

  long newUser(String name, String zone, String instructions) {
    long id = userIds.incrementAndGet();
    rest.addUser(id, name, zone);
    rest.assignSecretary(id, instructions);
    return id;
  }

  /** The fake rest-service's Telegram id of a user, which cron-service puts in the notice. */
  static long chatOf(long user) {
    return 500_000 + user;
  }

  /** A notice as cron-service writes it (ReminderNotices). */
  static Envelope notice(long user, String text, Instant scheduledFor, String status) {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("reminderId", UUID.randomUUID().toString());
    attrs.put("scheduledFor", scheduledFor.toString());
    attrs.put("text", text);
    attrs.put("status", status);
    attrs.put("late", Boolean.toString(!status.equals("delivered")));
    attrs.put("type", "one_time");
    attrs.put("timezone", "Europe/Paris");
    return Envelope.of(
            EnvelopeType.REMINDER_TRIGGERED, user, chatOf(user), text, "cron-service", NOW)
        .withAttrs(attrs);
  }

  List<Envelope> outbox() {
    return redis.opsForStream().range(Streams.OUTBOX, Range.unbounded()).stream()
        .map(record -> codec.decode((String) record.getValue().get("envelope")))
        .toList();
  }

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
