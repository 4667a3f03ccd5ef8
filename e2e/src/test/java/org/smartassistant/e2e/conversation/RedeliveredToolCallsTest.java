package org.smartassistant.e2e.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.calendar.CalendarServiceClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.ServiceProcess;
import org.smartassistant.e2e.calendar.ConnectPage;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.OpenAiToolCall;
import org.smartassistant.testsupport.fakes.google.FakeGoogle;
import org.smartassistant.testsupport.fakes.google.FakeGoogleEvent;
import org.springframework.web.client.RestClient;

/**
 * The assistant is killed (SIGKILL) after the tools of a message ran, while the model is writing
 * the answer; its successor handles the redelivered message from the start and the model asks for
 * the same tools again. The tools' requests carry keys derived from the inbox envelope, so the
 * reminder and the Google event exist once, and the user gets one answer.
 */
class RedeliveredToolCallsTest {

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final String ASK = "Remind me to buy flowers and put lunch with Anna in my calendar.";
  static final String ACCOUNT = "olga@example.com";

  final ConversationFixture fixture = ConversationFixture.get();
  final FakeOpenAi llm = fixture.llm;
  final FakeGoogle google = fixture.suite.google();
  final LocalDate tomorrow = LocalDate.now(BERLIN).plusDays(1);
  final AtomicInteger toolRequests = new AtomicInteger();
  final AtomicInteger answersAfterTools = new AtomicInteger();

  @BeforeEach
  void freshModel() {
    llm.reset();
    llm.respondWith(this::model);
  }

  @AfterEach
  void forgetScript() {
    llm.reset();
  }

  /**
   * Asks for both tools for the message; the first answer after the tools comes slowly (the
   * assistant is killed meanwhile), the second at once.
   */
  OpenAiAnswer model(OpenAiRequest request) {
    if (!request.systemPromptContains("Name: Olga.")) {
      return null;
    }
    if (request.answersToolCalls()) {
      return answersAfterTools.incrementAndGet() == 1
          ? OpenAiAnswer.text("Answer of the killed instance").withLatency(Duration.ofSeconds(15))
          : OpenAiAnswer.text("All set: the reminder and the lunch are in.");
    }
    String text = request.lastUserText();
    if (text != null && text.startsWith("(Automatic notice")) {
      return OpenAiAnswer.text("Your Google Calendar is connected.");
    }
    if (ASK.equals(text)) {
      toolRequests.incrementAndGet();
      return OpenAiAnswer.toolCalls(
          OpenAiToolCall.of(
              "reminder_create", "{\"text\":\"buy flowers\",\"when\":\"" + tomorrow + "T09:00\"}"),
          OpenAiToolCall.of(
              "calendar_create",
              "{\"title\":\"Lunch with Anna\",\"start\":\""
                  + tomorrow
                  + "T13:00\",\"end\":\""
                  + tomorrow
                  + "T14:00\"}"));
    }
    return OpenAiAnswer.text("Hello Olga.");
  }

  @Test
  void toolsOfARedeliveredMessageDoNotActTwice() throws Exception {
    UserDto user = fixture.start(1187, "Olga", BERLIN.getId());
    connectCalendar(user);
    ServiceProcess doomed = fixture.suite.instance(Service.ASSISTANT);
    int before = fixture.sentTexts(user).size();

    fixture.telegram.pushTextMessage(user.telegramId(), ASK);
    await().atMost(ConversationFixture.PATIENCE).until(() -> answersAfterTools.get() == 1);
    // the tools ran: the reminder and the event exist before the instance dies
    assertThat(remindersOf(user)).hasSize(1);
    assertThat(lunches()).hasSize(1);
    doomed.kill();
    ServiceProcess successor = fixture.suite.start(Service.ASSISTANT);
    successor.awaitReady(Duration.ofSeconds(120));

    fixture.telegram.awaitSentMessages(user.telegramId(), before + 1, ConversationFixture.PATIENCE);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(() -> fixture.sentTexts(user).size() == before + 1);

    assertThat(toolRequests).as("the model asked for the tools again").hasValue(2);
    assertThat(fixture.sentTexts(user).get(before))
        .isEqualTo("All set: the reminder and the lunch are in.");
    List<ReminderDto> reminders = remindersOf(user);
    assertThat(reminders).extracting(ReminderDto::text).containsExactly("buy flowers");
    List<FakeGoogleEvent> lunches = lunches();
    assertThat(lunches).hasSize(1);
    assertThat(lunches.get(0).start().dateTime().toInstant())
        .isEqualTo(tomorrow.atTime(13, 0).atZone(BERLIN).toInstant());
    assertThat(fixture.deadLettersOf(user)).isEmpty();
  }

  /**
   * Opens the consent link, continues to the fake Google, consents and follows its redirect, as the
   * user's browser would.
   */
  void connectCalendar(UserDto user) throws Exception {
    CalendarServiceClient calendar =
        ServiceClients.create(
            CalendarServiceClient.class,
            RestClient.builder(),
            ServiceClientProperties.of(fixture.suite.baseUrl(Service.CALENDAR)),
            fixture.suite.internalToken());
    String callback =
        google.approve(
            ConnectPage.continueToGoogle(calendar.authUrl(user.id()).authUrl()), ACCOUNT);
    int seen = fixture.sentTexts(user).size();
    HttpResponse<String> page =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(callback))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    // the confirmation in the chat, so that it cannot be taken for the answer later
    fixture.telegram.awaitSentMessages(user.telegramId(), seen + 1, ConversationFixture.PATIENCE);
  }

  List<ReminderDto> remindersOf(UserDto user) {
    return fixture.rest.reminders(user.id(), null, null, 0, 200).items();
  }

  List<FakeGoogleEvent> lunches() {
    return google.events(ACCOUNT).stream()
        .filter(event -> "Lunch with Anna".equals(event.summary()))
        .toList();
  }
}
