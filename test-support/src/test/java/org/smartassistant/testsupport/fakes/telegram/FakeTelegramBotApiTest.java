package org.smartassistant.testsupport.fakes.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The fake Bot API driven by telegrambots' own client and long-polling application. */
class FakeTelegramBotApiTest {

  private static final String TOKEN = "123456:TEST-token";
  private static final long CHAT = 4242L;
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private FakeTelegramBotApi telegram;
  private TelegramUrl url;
  private OkHttpTelegramClient client;

  @BeforeEach
  void startFake() {
    telegram = new FakeTelegramBotApi().start();
    url = new TelegramUrl("http", telegram.host(), telegram.port(), false);
    client = new OkHttpTelegramClient(TOKEN, url);
  }

  @AfterEach
  void stopFake() {
    telegram.close();
  }

  @Test
  void realClientSendsMessageAndGetsTelegramMessageBack() throws Exception {
    Message first = client.execute(send(CHAT, "Hello there"));
    Message second =
        client.execute(
            SendMessage.builder()
                .chatId(CHAT)
                .text("<b>Bold</b> &amp; plain")
                .parseMode("HTML")
                .build());

    assertThat(first.getText()).isEqualTo("Hello there");
    assertThat(first.getChatId()).isEqualTo(CHAT);
    assertThat(first.getFrom().getIsBot()).isTrue();
    assertThat(second.getMessageId()).isGreaterThan(first.getMessageId());
    assertThat(second.getText()).isEqualTo("Bold & plain");
    assertThat(telegram.sentTexts(CHAT)).containsExactly("Hello there", "<b>Bold</b> &amp; plain");
    TelegramCall formatted = telegram.sentMessages(CHAT).get(1);
    assertThat(formatted.parseMode()).isEqualTo("HTML");
    assertThat(formatted.messageId()).isEqualTo(second.getMessageId());
    assertThat(formatted.receivedAt()).isNotNull();
  }

  @Test
  void replyMarkupIsRecordedAsJson() throws Exception {
    InlineKeyboardMarkup keyboard =
        InlineKeyboardMarkup.builder()
            .keyboardRow(
                new InlineKeyboardRow(
                    InlineKeyboardButton.builder()
                        .text("Secretary")
                        .callbackData("pick:1")
                        .build()))
            .build();

    Message sent =
        client.execute(
            SendMessage.builder().chatId(CHAT).text("Choose").replyMarkup(keyboard).build());

    JsonNode markup = json.readTree(telegram.sentMessages(CHAT).get(0).replyMarkup());
    assertThat(markup.at("/inline_keyboard/0/0/callback_data").asString()).isEqualTo("pick:1");
    assertThat(sent.getReplyMarkup().getKeyboard().get(0).get(0).getText()).isEqualTo("Secretary");
  }

  @Test
  void rateLimitSurfacesAsRequestExceptionWithRetryAfterAndTheRetrySucceeds() throws Exception {
    telegram.rateLimitNextSendMessages(1, 2);

    assertThatThrownBy(() -> client.execute(send(CHAT, "first try")))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(429);
              assertThat(e.getParameters().getRetryAfter()).isEqualTo(2);
              assertThat(e.getApiResponse()).isEqualTo("Too Many Requests: retry after 2");
            });
    client.execute(send(CHAT, "second try"));

    assertThat(telegram.sentTexts(CHAT)).containsExactly("second try");
    assertThat(telegram.calls("sendmessage"))
        .extracting(TelegramCall::status)
        .containsExactly(429, 200);
  }

  @Test
  void blockedChatAnswersForbiddenWhileOtherChatsWork() throws Exception {
    telegram.blockChat(CHAT);

    assertThatThrownBy(() -> client.execute(send(CHAT, "anyone there?")))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(403);
              assertThat(e.getApiResponse()).isEqualTo("Forbidden: bot was blocked by the user");
            });
    client.execute(send(CHAT + 1, "hello other"));

    assertThat(telegram.sentMessages(CHAT)).isEmpty();
    assertThat(telegram.sentTexts(CHAT + 1)).containsExactly("hello other");
  }

  @Test
  void sentMessagesToEveryChatAreAwaitedTogetherAndRefusedOnesDoNotCount() throws Exception {
    telegram.blockChat(CHAT);
    Thread sender =
        new Thread(
            () -> {
              try {
                client.execute(send(CHAT + 1, "first"));
                assertThatThrownBy(() -> client.execute(send(CHAT, "refused")))
                    .isInstanceOf(TelegramApiRequestException.class);
                client.execute(send(CHAT + 2, "second"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    sender.start();

    List<TelegramCall> sent = telegram.awaitSentMessages(2, WAIT);
    sender.join();

    assertThat(sent).extracting(TelegramCall::text).containsExactly("first", "second");
    assertThat(telegram.sentMessages())
        .extracting(TelegramCall::chatId)
        .containsExactly(CHAT + 1, CHAT + 2);
    assertThatThrownBy(() -> telegram.awaitSentMessages(3, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 3 accepted sendMessage call(s)");
    telegram.reset();
    assertThat(telegram.sentMessages()).isEmpty();
  }

  @Test
  void formattedSendIsRejectedWithParseEntitiesErrorAndPlainRetrySucceeds() throws Exception {
    telegram.rejectNextFormattedSendMessages(1);

    assertThatThrownBy(
            () ->
                client.execute(
                    SendMessage.builder().chatId(CHAT).text("<b>hi</b>").parseMode("HTML").build()))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo(400);
              assertThat(e.getApiResponse()).startsWith("Bad Request: can't parse entities:");
            });
    client.execute(send(CHAT, "hi"));

    assertThat(telegram.sentTexts(CHAT)).containsExactly("hi");
  }

  @Test
  void htmlThatTelegramCannotParseIsRejected() {
    for (String broken :
        List.of("line<br>break", "<b>unclosed", "<b><i>crossed</b></i>", "1 < 2")) {
      assertThatThrownBy(
              () ->
                  client.execute(
                      SendMessage.builder().chatId(CHAT).text(broken).parseMode("HTML").build()))
          .as(broken)
          .isInstanceOfSatisfying(
              TelegramApiRequestException.class,
              e -> assertThat(e.getApiResponse()).startsWith("Bad Request: can't parse entities:"));
    }
    assertThat(telegram.sentMessages()).isEmpty();
  }

  @Test
  void tooLongAndEmptyTextsAreRejectedAsByTelegram() throws Exception {
    String limit = "x".repeat(FakeTelegramBotApi.MAX_MESSAGE_LENGTH);

    assertThatThrownBy(() -> client.execute(send(CHAT, limit + "x")))
        .hasMessageContaining("message is too long");
    assertThatThrownBy(() -> client.execute(send(CHAT, "  ")))
        .hasMessageContaining("message text is empty");
    client.execute(send(CHAT, limit));

    assertThat(telegram.sentMessages(CHAT)).hasSize(1);
  }

  @Test
  void serverErrorsAreInjectedForTheNextCalls() throws Exception {
    telegram.failNextCalls(2, 502);

    assertThatThrownBy(() -> client.execute(send(CHAT, "one")))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class, e -> assertThat(e.getErrorCode()).isEqualTo(502));
    assertThatThrownBy(
            () -> client.execute(SendChatAction.builder().chatId(CHAT).action("typing").build()))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class, e -> assertThat(e.getErrorCode()).isEqualTo(502));
    client.execute(send(CHAT, "three"));

    assertThat(telegram.sentTexts(CHAT)).containsExactly("three");
  }

  @Test
  void aChatShowsEachMessageAsLastEdited() throws Exception {
    Message first = client.execute(send(CHAT, "Hel"));
    client.execute(send(CHAT, "second"));
    client.execute(
        EditMessageText.builder()
            .chatId(CHAT)
            .messageId(first.getMessageId())
            .text("Hello")
            .build());
    client.execute(
        EditMessageText.builder()
            .chatId(CHAT)
            .messageId(first.getMessageId())
            .text("Hello there")
            .build());
    // refused ("message is not modified"): nothing changes
    assertThatThrownBy(
            () ->
                client.execute(
                    EditMessageText.builder()
                        .chatId(CHAT)
                        .messageId(first.getMessageId())
                        .text("Hello there")
                        .build()))
        .isInstanceOf(TelegramApiRequestException.class);

    assertThat(telegram.shownTexts(CHAT)).containsExactly("Hello there", "second");
    assertThat(telegram.sentTexts(CHAT)).containsExactly("Hel", "second");
  }

  @Test
  void otherBotMethodsAnswerPlausiblyAndAreRecorded() throws Exception {
    User me = client.execute(new GetMe());
    Boolean typing = client.execute(SendChatAction.builder().chatId(CHAT).action("typing").build());
    Boolean answered =
        client.execute(AnswerCallbackQuery.builder().callbackQueryId("99").text("ok").build());
    Boolean commands =
        client.execute(
            SetMyCommands.builder().command(new BotCommand("help", "What I can do")).build());
    Message sent = client.execute(send(CHAT, "draft"));
    Object edited =
        client.execute(
            EditMessageText.builder()
                .chatId(CHAT)
                .messageId(sent.getMessageId())
                .text("final")
                .build());

    assertThat(me.getIsBot()).isTrue();
    assertThat(me.getUserName()).isNotBlank();
    assertThat(typing).isTrue();
    assertThat(answered).isTrue();
    assertThat(commands).isTrue();
    assertThat(edited)
        .isInstanceOfSatisfying(Message.class, m -> assertThat(m.getText()).isEqualTo("final"));
    assertThat(telegram.calls("sendChatAction").get(0).param("action")).isEqualTo("typing");
    assertThat(telegram.calls("editMessageText").get(0).text()).isEqualTo("final");
    assertThat(telegram.calls())
        .extracting(TelegramCall::method)
        .containsExactly(
            "getMe",
            "sendChatAction",
            "answerCallbackQuery",
            "setMyCommands",
            "sendMessage",
            "editMessageText");
  }

  @Test
  void longPollingApplicationReceivesPushedUpdatesOfEveryKind() throws Exception {
    BlockingQueue<Update> received = new LinkedBlockingQueue<>();
    try (TelegramBotsLongPollingApplication application =
        new TelegramBotsLongPollingApplication()) {
      application.registerBot(TOKEN, () -> url, new DefaultGetUpdatesGenerator(), received::addAll);

      int text = telegram.pushTextMessage(CHAT, "remind me at 9", "ann", "Ann");
      telegram.pushCommand(CHAT, "/timezone Europe/Berlin");
      telegram.pushCallbackQuery(CHAT, CHAT, "pick:2", 17);
      int voice = telegram.pushNonText(CHAT, NonTextKind.VOICE);

      Update first = received.poll(10, TimeUnit.SECONDS);
      Update command = received.poll(10, TimeUnit.SECONDS);
      Update callback = received.poll(10, TimeUnit.SECONDS);
      Update nonText = received.poll(10, TimeUnit.SECONDS);

      assertThat(first.getUpdateId()).isEqualTo(text);
      assertThat(first.getMessage().getText()).isEqualTo("remind me at 9");
      assertThat(first.getMessage().getFrom().getUserName()).isEqualTo("ann");
      assertThat(first.getMessage().getFrom().getFirstName()).isEqualTo("Ann");
      assertThat(first.getMessage().getChatId()).isEqualTo(CHAT);
      assertThat(command.getMessage().isCommand()).isTrue();
      assertThat(command.getMessage().getText()).isEqualTo("/timezone Europe/Berlin");
      assertThat(callback.getCallbackQuery().getData()).isEqualTo("pick:2");
      assertThat(callback.getCallbackQuery().getFrom().getId()).isEqualTo(CHAT);
      assertThat(nonText.getUpdateId()).isEqualTo(voice);
      assertThat(nonText.getMessage().getVoice()).isNotNull();
      assertThat(nonText.getMessage().hasText()).isFalse();
      telegram.awaitConfirmed(voice, WAIT);
      assertThat(telegram.pendingUpdates()).isZero();
    }
  }

  @Test
  void updateIsConfirmedOnlyAfterTheConsumerReturned() throws Exception {
    CountDownLatch processing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try (TelegramBotsLongPollingApplication application =
        new TelegramBotsLongPollingApplication()) {
      application.registerBot(
          TOKEN,
          () -> url,
          new DefaultGetUpdatesGenerator(),
          updates -> {
            processing.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });

      int updateId = telegram.pushTextMessage(CHAT, "hello");
      assertThat(processing.await(10, TimeUnit.SECONDS)).isTrue();

      assertThat(telegram.isConfirmed(updateId)).isFalse();
      release.countDown();
      telegram.awaitConfirmed(updateId, WAIT);
      assertThat(telegram.confirmedOffset()).isEqualTo(updateId + 1);
    }
  }

  @Test
  void offsetConfirmsEarlierUpdatesAndLimitCapsTheBatch() throws Exception {
    int first = telegram.pushTextMessage(CHAT, "one");
    int second = telegram.pushTextMessage(CHAT, "two");
    telegram.pushTextMessage(CHAT, "three");

    JsonNode all = getUpdates("{\"offset\":0}");
    JsonNode limited = getUpdates("{\"offset\":" + second + ",\"limit\":1}");
    JsonNode rest = getUpdates("{\"offset\":" + second + "}");

    assertThat(all.get("result")).hasSize(3);
    assertThat(all.at("/result/0/update_id").asInt()).isEqualTo(first);
    assertThat(limited.get("result")).hasSize(1);
    assertThat(limited.at("/result/0/message/text").asString()).isEqualTo("two");
    assertThat(rest.get("result")).hasSize(2);
    assertThat(telegram.confirmedOffset()).isEqualTo(second);
    assertThat(telegram.isConfirmed(first)).isTrue();
    assertThat(telegram.isConfirmed(second)).isFalse();
    assertThat(telegram.pendingUpdates()).isEqualTo(2);
  }

  @Test
  void eachUpdateIsTimedOnceFromItsPushToTheFirstAnswerCarryingIt() throws Exception {
    telegram.pushTextMessage(CHAT, "one");
    telegram.pushTextMessage(CHAT, "two");

    getUpdates("{\"offset\":0,\"limit\":1}");
    List<Duration> afterFirst = telegram.fetchWaits();
    getUpdates("{\"offset\":0}"); // "one" again, and "two" for the first time
    int third = telegram.pushTextMessage(CHAT, "three"); // not fetched yet

    assertThat(afterFirst).hasSize(1);
    assertThat(telegram.fetchWaits()).hasSize(2).allSatisfy(wait -> assertThat(wait).isPositive());
    getUpdates("{\"offset\":" + third + "}");
    assertThat(telegram.fetchWaits()).hasSize(3);
  }

  @Test
  void aHeldLongPollTimesTheUpdateThatWakesIt() throws Exception {
    CompletableFuture<HttpResponse<String>> poll = getUpdatesAsync("{\"offset\":0,\"timeout\":30}");
    telegram.awaitPolling(WAIT);

    telegram.pushTextMessage(CHAT, "wake up");
    poll.get(10, TimeUnit.SECONDS);

    assertThat(telegram.fetchWaits()).hasSize(1);
  }

  @Test
  void longPollIsHeldUntilAnUpdateArrives() throws Exception {
    CompletableFuture<HttpResponse<String>> poll = getUpdatesAsync("{\"offset\":0,\"timeout\":30}");
    telegram.awaitPolling(WAIT);

    int updateId = telegram.pushTextMessage(CHAT, "wake up");

    JsonNode answer = json.readTree(poll.get(10, TimeUnit.SECONDS).body());
    assertThat(answer.at("/result/0/update_id").asInt()).isEqualTo(updateId);
  }

  @Test
  void longPollWithoutUpdatesAnswersEmptyWhenItsTimeoutPasses() throws Exception {
    telegram.setLongPollCap(Duration.ofMillis(300));

    JsonNode answer = getUpdates("{\"timeout\":50}");

    assertThat(answer.get("ok").asBoolean()).isTrue();
    assertThat(answer.get("result")).isEmpty();
  }

  @Test
  void aSecondConcurrentPollEndsTheFirstWithConflict() throws Exception {
    CompletableFuture<HttpResponse<String>> first = getUpdatesAsync("{\"timeout\":30}");
    telegram.awaitPolling(WAIT);

    CompletableFuture<HttpResponse<String>> second = getUpdatesAsync("{\"timeout\":30}");
    HttpResponse<String> ended = first.get(10, TimeUnit.SECONDS);
    telegram.pushTextMessage(CHAT, "for the second");

    assertThat(ended.statusCode()).isEqualTo(409);
    assertThat(json.readTree(ended.body()).get("description").asString()).startsWith("Conflict");
    assertThat(
            json.readTree(second.get(10, TimeUnit.SECONDS).body())
                .at("/result/0/message/text")
                .asString())
        .isEqualTo("for the second");
  }

  @Test
  void methodNamesMatchInAnyCaseAndFormBodiesAreAccepted() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(telegram.baseUrl() + "/bot" + TOKEN + "/SENDMESSAGE"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("chat_id=7&text=hi+there"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json.readTree(response.body()).at("/result/text").asString()).isEqualTo("hi there");
    assertThat(telegram.sentTexts(7)).containsExactly("hi there");
  }

  @Test
  void unknownMethodAnswersNotFound() throws Exception {
    HttpResponse<String> response = post("/bot" + TOKEN + "/noSuchMethod", "{}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(json.readTree(response.body()).get("ok").asBoolean()).isFalse();
  }

  @Test
  void wrongTokenIsUnauthorizedWhenATokenIsExpected() throws Exception {
    telegram.expectToken("other:token");

    assertThatThrownBy(() -> client.execute(send(CHAT, "hi")))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class, e -> assertThat(e.getErrorCode()).isEqualTo(401));
  }

  @Test
  void awaitingMessagesThatNeverCameListsWhatWasSent() throws Exception {
    client.execute(send(CHAT, "only this one"));

    assertThatThrownBy(() -> telegram.awaitSentMessages(CHAT, 2, Duration.ofMillis(200)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("2 accepted sendMessage call(s) to chat " + CHAT)
        .hasMessageContaining("only this one");
  }

  @Test
  void awaitSentMessagesReturnsOnceEnoughArrived() throws Exception {
    CompletableFuture<List<TelegramCall>> waiting =
        CompletableFuture.supplyAsync(() -> telegram.awaitSentMessages(CHAT, 2, WAIT));
    client.execute(send(CHAT, "a"));
    client.execute(send(CHAT, "b"));

    assertThat(waiting.get(10, TimeUnit.SECONDS))
        .extracting(TelegramCall::text)
        .containsExactly("a", "b");
  }

  @Test
  void resetForgetsEverythingButKeepsIdsGrowing() throws Exception {
    int before = telegram.pushTextMessage(CHAT, "old");
    client.execute(send(CHAT, "old reply"));
    telegram.blockChat(CHAT);

    telegram.reset();
    int after = telegram.pushTextMessage(CHAT, "new");
    client.execute(send(CHAT, "new reply"));

    assertThat(after).isGreaterThan(before);
    assertThat(telegram.pendingUpdates()).isEqualTo(1);
    assertThat(telegram.sentTexts(CHAT)).containsExactly("new reply");
  }

  private static SendMessage send(long chatId, String text) {
    return SendMessage.builder().chatId(chatId).text(text).build();
  }

  private JsonNode getUpdates(String body) throws Exception {
    return json.readTree(post("/bot" + TOKEN + "/getupdates", body).body());
  }

  private CompletableFuture<HttpResponse<String>> getUpdatesAsync(String body) {
    return http.sendAsync(
        request("/bot" + TOKEN + "/getupdates", body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(request(path, body), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest request(String path, String body) {
    return HttpRequest.newBuilder(URI.create(telegram.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }
}
