package org.smartassistant.assistant.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
 * A {@code calendar_connected} from calendar-service, answered in the running service: real Redis
 * (outbox and turn memory), Spring AI's OpenAI model against the fake OpenAI API, a fake
 * rest-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@UseTestInfrastructure
class CalendarConnectedHandlerTest {

  static final Instant NOW = Instant.parse("2026-11-24T08:30:00Z");

  static final FakeOpenAi llm = new FakeOpenAi().start();
  static final FakeRestService rest = new FakeRestService();
  static final AtomicLong userIds = new AtomicLong(7000);

  @Autowired CalendarConnectedHandler handler;
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
    registry.add("smart.llm.max-retries", () -> "0");
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
  void theSecretaryTellsTheUserInItsOwnWordsAndTheConversationKeepsIt() {
    long user = newUser("Lena", "Europe/Berlin");
    llm.enqueue(OpenAiAnswer.text("Lovely, Lena – your calendar is connected now!"));
    Envelope connected = connected(user, 500_000 + user);

    handler.handle(connected);

    Envelope answer = answerTo(connected);
    assertThat(answer.type()).isEqualTo(EnvelopeType.NOTIFICATION);
    assertThat(answer.chatId()).isEqualTo(500_000 + user);
    assertThat(answer.userId()).isEqualTo(user);
    assertThat(answer.text()).isEqualTo("Lovely, Lena – your calendar is connected now!");
    OpenAiRequest request = llm.lastRequest();
    assertThat(request.systemPrompt())
        .startsWith("You are Lena's secretary.")
        .contains("Time zone: Europe/Berlin.");
    assertThat(request.lastUserText()).isEqualTo(CalendarConnectedHandler.NOTICE);
    assertThat(rest.messages(user))
        .extracting(MessageDto::role, MessageDto::content)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MessageRole.ASSISTANT, "Lovely, Lena – your calendar is connected now!"));
  }

  @Test
  void whenTheModelFailsTheUserStillHearsThatItWorked() {
    long user = newUser("Mo", "UTC");
    llm.setDefaultAnswer(OpenAiAnswer.serverError());
    Envelope connected = connected(user, 500_000 + user);

    handler.handle(connected);

    assertThat(answerTo(connected).text()).isEqualTo(CalendarConnectedHandler.CONFIRMATION);
    assertThat(rest.messages(user))
        .extracting(MessageDto::content)
        .containsExactly(CalendarConnectedHandler.CONFIRMATION);
  }

  @Test
  void announcedTwiceTheUserIsToldOnce() {
    long user = newUser("Nia", "UTC");
    llm.enqueue(OpenAiAnswer.text("Connected!"), OpenAiAnswer.text("Connected again?"));
    Envelope connected = connected(user, 500_000 + user);

    handler.handle(connected);
    handler.handle(connected);

    assertThat(answersTo(connected)).extracting(Envelope::text).containsExactly("Connected!");
    assertThat(llm.requests()).hasSize(1);
    assertThat(rest.messages(user)).hasSize(1);
  }

  @Test
  void withoutAChatInTheEnvelopeTheUsersTelegramChatIsUsed() {
    long user = newUser("Oli", "UTC");
    llm.enqueue(OpenAiAnswer.text("Your calendar is connected."));
    Envelope connected = connected(user, null);

    handler.handle(connected);

    assertThat(answerTo(connected).chatId()).isEqualTo(500_000 + user);
  }

  long newUser(String name, String zone) {
    long id = userIds.incrementAndGet();
    rest.addUser(id, name, zone);
    rest.assignSecretary(id, "You are " + name + "'s secretary.");
    return id;
  }

  static Envelope connected(long user, Long chatId) {
    return Envelope.of(
        EnvelopeType.CALENDAR_CONNECTED, user, chatId, null, "calendar-service", NOW);
  }

  Envelope answerTo(Envelope connected) {
    List<Envelope> answers = answersTo(connected);
    assertThat(answers).as("outbox entries answering " + connected.id()).hasSize(1);
    return answers.get(0);
  }

  List<Envelope> answersTo(Envelope connected) {
    return redis.opsForStream().range(Streams.OUTBOX, Range.unbounded()).stream()
        .map(record -> codec.decode((String) record.getValue().get("envelope")))
        .filter(envelope -> connected.id().toString().equals(envelope.attr("inReplyTo")))
        .toList();
  }
}
