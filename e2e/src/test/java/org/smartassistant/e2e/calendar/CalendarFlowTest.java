package org.smartassistant.e2e.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.google.FakeGoogle;
import org.smartassistant.testsupport.fakes.google.FakeGoogleEvent;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Google Calendar through the whole suite, as a Telegram user lives it: the question goes from the
 * fake Telegram through tg-bot, the assistant and its calendar tools to calendar-service and the
 * fake Google; the consent link comes back in the chat, the test opens calendar-service's page that
 * names the user, continues to the fake Google, consents there and follows the redirect to
 * calendar-service's callback like a browser, and the answers arrive in the chat. The fake model
 * calls the calendar tools and answers with what they returned, so whatever the user reads came
 * from the tools.
 */
class CalendarFlowTest {

  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final String QUESTION = "What's on my calendar tomorrow?";
  static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");

  /** The users of these scenarios; the fake model answers only for them. */
  static final List<String> USERS = List.of("Lena", "Marta", "Nils");

  static final JsonMapper JSON = JsonMapper.builder().build();

  final Suite suite = Suite.shared();
  final FakeTelegramBotApi telegram = suite.telegram();
  final FakeOpenAi llm = suite.llm();
  final FakeGoogle google = suite.google();
  final RestServiceClient rest =
      ServiceClients.create(
          RestServiceClient.class,
          RestClient.builder(),
          ServiceClientProperties.of(suite.baseUrl(Service.REST)),
          suite.internalToken());
  final HttpClient browser =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  /** The day the user means by "tomorrow", fixed once so that midnight cannot move it. */
  final LocalDate tomorrow = LocalDate.now(BERLIN).plusDays(1);

  @BeforeEach
  void secretaryUsesTheCalendarTools() {
    llm.reset();
    llm.respondWith(this::secretary);
  }

  @AfterEach
  void forgetScript() {
    llm.reset();
  }

  /**
   * The fake model: a calendar question calls {@code calendar_list} for tomorrow, a "lunch" request
   * calls {@code calendar_create}, a tool result is answered with itself, and the notice of a
   * connected calendar with a fixed sentence.
   */
  OpenAiAnswer secretary(OpenAiRequest request) {
    if (USERS.stream().noneMatch(name -> request.systemPromptContains("Name: " + name + "."))) {
      return null;
    }
    if (request.answersToolCalls()) {
      return OpenAiAnswer.text("From your calendar: " + toolText(request.lastMessage().content()));
    }
    String text = request.lastUserText();
    if (text.startsWith("(Automatic notice") && text.contains("Google Calendar")) {
      return OpenAiAnswer.text("Great news: your Google Calendar is now connected!");
    }
    if (text.equals(QUESTION)) {
      return OpenAiAnswer.toolCall(
          "calendar_list", "{\"from\":\"" + tomorrow + "\",\"to\":\"" + tomorrow + "\"}");
    }
    if (text.startsWith("Put lunch with Anna")) {
      return OpenAiAnswer.toolCall(
          "calendar_create",
          "{\"title\":\"Lunch with Anna\",\"start\":\""
              + tomorrow
              + "T13:00\",\"end\":\""
              + tomorrow
              + "T14:30\",\"location\":\"Cafe Einstein\"}");
    }
    return null;
  }

  /** A tool's text as the model receives it: a JSON string. */
  static String toolText(String content) {
    return content.startsWith("\"") ? JSON.readValue(content, String.class) : content;
  }

  // ---------------------------------------------------------------- consent and events

  @Test
  void askingBeforeConnectingGivesALinkAndAfterConsentTheEventsFromGoogle() throws Exception {
    long chat = 1191;
    String account = "lena@example.com";
    UserDto user = user(chat, "Lena");
    google.addEvent(
        account,
        "Dentist",
        tomorrow.atTime(14, 0).atZone(BERLIN).toOffsetDateTime(),
        tomorrow.atTime(15, 0).atZone(BERLIN).toOffsetDateTime());

    // 1. asked before connecting: the tool answers with a consent link, which reaches the chat
    int seen = telegram.sentTexts(chat).size();
    telegram.pushTextMessage(chat, QUESTION);
    String linkMessage = awaitMessage(chat, seen, text -> text.contains("/auth/connect?state="));
    String link = linkIn(linkMessage);
    assertThat(link).startsWith(suite.baseUrl(Service.CALENDAR) + "/auth/connect?state=");
    OpenAiRequest toolRound = lastToolRoundOf("Lena");
    assertThat(toolText(toolRound.lastMessage().content()))
        .contains("has not connected Google Calendar yet")
        .endsWith(link);

    // 2. the link opens calendar-service's page naming the user; the user continues to Google,
    // consents there, and the browser follows Google's redirect to calendar-service
    String consentUrl = ConnectPage.continueToGoogle(link, "Lena");
    assertThat(consentUrl).startsWith(google.authorizationUrl()).contains("state=");
    String callback = google.approve(consentUrl, account);
    assertThat(callback).startsWith(suite.baseUrl(Service.CALENDAR) + "/auth/callback?");
    seen = telegram.sentTexts(chat).size();
    HttpResponse<String> page = open(callback);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Google Calendar connected");

    // 3. the tokens are stored in rest-service, and the user is told
    CalendarCredentialsDto stored = rest.calendarCredentials(user.id());
    assertThat(stored.refreshToken()).isEqualTo(google.latestRefreshToken(account));
    assertThat(awaitMessage(chat, seen, text -> text.contains("connected")))
        .isEqualTo("Great news: your Google Calendar is now connected!");

    // 4. asked again: the events of tomorrow, from Google, in Berlin time
    seen = telegram.sentTexts(chat).size();
    telegram.pushTextMessage(chat, QUESTION);
    String answer = awaitMessage(chat, seen, text -> text.startsWith("From your calendar"));
    assertThat(answer).contains("Dentist").contains("14:00–15:00").doesNotContain("oauth2");
    assertThat(google.calendarCalls()).contains("GET primary 200");
  }

  @Test
  void aCreatedEventReachesGoogleAtTheLocalTimeInTheUsersZone() throws Exception {
    long chat = 1192;
    String account = "marta@example.com";
    UserDto user = user(chat, "Marta");
    connect(user, account);

    int seen = telegram.sentTexts(chat).size();
    telegram.pushTextMessage(chat, "Put lunch with Anna tomorrow at 13:00 until 14:30");
    String answer = awaitMessage(chat, seen, text -> text.startsWith("From your calendar"));

    FakeGoogleEvent lunch =
        google.events(account).stream()
            .filter(event -> "Lunch with Anna".equals(event.summary()))
            .findFirst()
            .orElseThrow();
    assertThat(lunch.start().dateTime().toInstant())
        .isEqualTo(tomorrow.atTime(13, 0).atZone(BERLIN).toInstant());
    assertThat(lunch.end().dateTime().toInstant())
        .isEqualTo(tomorrow.atTime(14, 30).atZone(BERLIN).toInstant());
    assertThat(lunch.start().timeZone()).isEqualTo("Europe/Berlin");
    assertThat(lunch.location()).isEqualTo("Cafe Einstein");
    assertThat(answer).contains("Lunch with Anna").contains("13:00–14:30");
  }

  // ---------------------------------------------------------------- a revoked grant

  @Test
  void aRevokedGrantGivesTheUserAFreshLinkNotAnError() throws Exception {
    long chat = 1193;
    String account = "nils@example.com";
    UserDto user = user(chat, "Nils");
    String firstLink = connect(user, account);

    google.revokeGrant(account);
    int seen = telegram.sentTexts(chat).size();
    telegram.pushTextMessage(chat, QUESTION);
    String answer = awaitMessage(chat, seen, text -> text.startsWith("From your calendar"));

    String freshLink = linkIn(answer);
    assertThat(answer).contains("Google no longer lets this assistant use the user's calendar");
    assertThat(freshLink)
        .startsWith(suite.baseUrl(Service.CALENDAR) + "/auth/connect?state=")
        .isNotEqualTo(firstLink);
    assertThat(telegram.sentTexts(chat).subList(seen, telegram.sentTexts(chat).size()))
        .noneMatch(text -> text.contains("something went wrong"));
    // the revoked tokens are gone; the fresh link connects again
    assertThat(credentialsOf(user)).isEmpty();
    assertThat(
            open(google.approve(ConnectPage.continueToGoogle(freshLink, "Nils"), account))
                .statusCode())
        .isEqualTo(200);
    assertThat(credentialsOf(user)).isPresent();
  }

  // ---------------------------------------------------------------- helpers

  /** A user of the seeded secretary in Berlin, known to rest-service before they write. */
  UserDto user(long telegramId, String firstName) {
    UserDto user;
    try {
      user =
          rest.createUser(
              new CreateUserRequest(telegramId, null, firstName, null, BERLIN.getId(), "en"));
    } catch (HttpClientErrorException.Conflict e) {
      user = rest.userByTelegramId(telegramId);
      user =
          rest.updateUser(
              user.id(), new UpdateUserRequest(null, firstName, null, BERLIN.getId(), null, null));
    }
    rest.resetMessages(user.id());
    return user;
  }

  /**
   * Connects the user's calendar the way the first scenario shows in full: link from a calendar
   * question, consent, callback, confirmation in the chat. Returns the link used.
   */
  String connect(UserDto user, String account) throws Exception {
    long chat = user.telegramId();
    int seen = telegram.sentTexts(chat).size();
    telegram.pushTextMessage(chat, QUESTION);
    String link = linkIn(awaitMessage(chat, seen, text -> text.contains("/auth/connect?state=")));
    seen = telegram.sentTexts(chat).size();
    assertThat(
            open(google.approve(ConnectPage.continueToGoogle(link, user.firstName()), account))
                .statusCode())
        .isEqualTo(200);
    awaitMessage(chat, seen, text -> text.contains("connected"));
    return link;
  }

  Optional<CalendarCredentialsDto> credentialsOf(UserDto user) {
    try {
      return Optional.of(rest.calendarCredentials(user.id()));
    } catch (HttpClientErrorException.NotFound e) {
      return Optional.empty();
    }
  }

  /** A GET as the user's browser makes it (redirects not followed). */
  HttpResponse<String> open(String url) throws IOException, InterruptedException {
    return browser.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** The first message to the chat after the {@code seen} earlier ones that matches. */
  String awaitMessage(long chat, int seen, Predicate<String> wanted) {
    AtomicReference<String> found = new AtomicReference<>();
    await()
        .atMost(PATIENCE)
        .alias(
            "a message to chat " + chat + " after " + seen + "; sent: " + telegram.sentTexts(chat))
        .until(
            () -> {
              List<String> texts = telegram.sentTexts(chat);
              for (String text : texts.subList(Math.min(seen, texts.size()), texts.size())) {
                if (text != null && wanted.test(text)) {
                  found.set(text);
                  return true;
                }
              }
              return false;
            });
    return found.get();
  }

  /** The URL in a message as Telegram received it (HTML: {@code &amp;} between parameters). */
  static String linkIn(String message) {
    Matcher matcher = URL.matcher(message);
    assertThat(matcher.find()).as("a link in: " + message).isTrue();
    String url = matcher.group().replace("&amp;", "&");
    while (url.endsWith(".") || url.endsWith(")") || url.endsWith(",")) {
      url = url.substring(0, url.length() - 1);
    }
    return url;
  }

  OpenAiRequest lastToolRoundOf(String name) {
    List<OpenAiRequest> rounds =
        llm.requests().stream()
            .filter(r -> r.systemPromptContains("Name: " + name + "."))
            .filter(OpenAiRequest::answersToolCalls)
            .toList();
    assertThat(rounds).as("tool rounds of " + name).isNotEmpty();
    return rounds.get(rounds.size() - 1);
  }
}
