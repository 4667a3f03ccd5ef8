package org.smartassistant.e2e.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.e2e.Service;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;

/**
 * The operator's admin UI in a real browser (Debian's headless Chromium) against the running suite:
 * the login with its lock-out, a new assistant made a user's secretary, a reminder cancelled, a
 * dead letter replayed, CSRF, and a screenshot of every page at desktop and phone width
 * (e2e/target/admin-screenshots).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminUiTest {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  static Suite suite;
  static AdminBrowser browser;

  @BeforeAll
  static void openTheBrowser() {
    // without a browser nothing is started: each test says why it is skipped (or fails, when
    // BROWSER_TESTS=required)
    if (!AdminBrowser.installed()) {
      return;
    }
    suite = Suite.shared();
    browser = new AdminBrowser(suite.baseUrl(Service.REST));
  }

  @BeforeEach
  void theBrowserIsInstalled() {
    AdminBrowser.assumeInstalled();
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @Order(1)
  void aWrongPasswordIsRefusedAndTheNameLockedAfterFiveFailures() {
    browser.open("/admin/login");
    browser.screenshot("login");
    assertThat(browser.login("admin", "not-the-password")).contains("Wrong user name or password");
    for (int i = 2; i <= 5; i++) {
      assertThat(browser.login("admin", "wrong-" + i)).contains("Wrong user name or password");
    }

    assertThat(browser.login("admin", Suite.ADMIN_PASSWORD)).contains("locked");
    browser.open("/admin");
    assertThat(browser.path()).startsWith("/admin/login");

    // the suite locks for 5 s (ADMIN_LOCKOUT_DURATION; 15 min by default)
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> browser.login("admin", Suite.ADMIN_PASSWORD).contains("Overview"));
    assertThat(browser.textContaining("rest-service", "assistant", "tg-bot", "cron-service"))
        .contains("rest-service", "assistant", "tg-bot", "cron-service");
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              browser.open("/admin");
              return browser.driver.findElements(By.cssSelector("#services .ok")).size() == 5;
            });
    browser.screenshot("overview");
  }

  @Test
  @Order(2)
  void anAssistantCreatedInTheUiAndMadeSecretaryAnswersTheUsersNextMessage() {
    UserDto user = start(1195, "Wilma");
    String marker = "Zephyr-" + UUID.randomUUID().toString().substring(0, 8);
    suite
        .llm()
        .respondWith(
            request ->
                request.systemPromptContains(marker)
                    ? OpenAiAnswer.text("Zephyr at your service.")
                    : null);

    browser.open("/admin/assistants");
    browser.find("#name").sendKeys(marker);
    new Select(browser.find("#provider")).selectByValue("openai");
    browser.find("#model").sendKeys("gpt-4o");
    browser.find("#instructions").sendKeys("You are " + marker + ", a terse secretary.");
    browser.find("#secretary").click();
    browser.find("#create-assistant").click();
    assertThat(browser.textContaining("Assistant created."))
        .contains("Assistant created.")
        .contains(marker);
    browser.screenshot("assistants");
    browser.driver.findElement(By.linkText(marker)).click();
    // a second secretary would make the next users choose one: it goes when the scenario ends
    UUID assistantId = UUID.fromString(browser.path().substring("/admin/assistants/".length()));
    try {
      makeSecretaryAndTalk(user, marker);
    } finally {
      suite.rest().deleteAssistant(assistantId);
    }
  }

  private void makeSecretaryAndTalk(UserDto user, String marker) {
    browser.screenshot("assistant");
    browser.open("/admin/tools");
    browser.screenshot("tools");

    browser.open("/admin/users");
    browser.screenshot("users");
    browser.find("#user-1195").click();
    new Select(browser.find("#assistantId")).selectByVisibleText(marker);
    browser.find("#set-secretary").click();
    assertThat(browser.textContaining("Secretary set.")).contains("Secretary set.");
    assertThat(browser.find("#secretary").getText()).isEqualTo(marker);
    browser.screenshot("user");
    await()
        .atMost(PATIENCE)
        .until(() -> !suite.redis().hasKey("assistant:cache:secretary:" + user.id()));

    assertThat(say(user, "Who is there?")).isEqualTo("Zephyr at your service.");
    OpenAiRequest request =
        suite.llm().requests().stream()
            .filter(r -> r.systemPromptContains(marker))
            .findFirst()
            .orElseThrow();
    assertThat(request.model()).isEqualTo("gpt-4o");
    assertThat(request.systemPrompt()).startsWith("You are " + marker + ", a terse secretary.");
    // the turn stores what was said, and its usage, after its reply
    await().atMost(PATIENCE).until(() -> suite.rest().messages(user.id(), null, null).size() >= 2);
    browser.open("/admin/users/" + user.id() + "/conversation");
    assertThat(browser.textContaining("Who is there?", "Zephyr at your service."))
        .contains("Who is there?", "Zephyr at your service.");
    browser.screenshot("conversation");
    browser.open("/admin/usage?userId=" + user.id());
    assertThat(browser.textContaining("gpt-4o")).contains("gpt-4o");
    browser.screenshot("usage");
  }

  @Test
  @Order(3)
  void aReminderCancelledInTheUiIsCancelled() {
    UserDto user = start(1194, "Xaver");
    ReminderDto reminder =
        suite
            .rest()
            .createReminder(
                CreateReminderRequest.oneTime(
                    user.id(), Instant.now().plus(3, ChronoUnit.HOURS), "water the plants"));

    browser.open("/admin/users/" + user.id() + "/reminders");
    assertThat(browser.textContaining("water the plants"))
        .contains("water the plants")
        .contains("active");
    browser.screenshot("reminders");
    browser.find("#reminder-" + reminder.id() + " .cancel-reminder").click();

    assertThat(browser.textContaining("Reminder cancelled.")).contains("Reminder cancelled.");
    assertThat(browser.find("#reminder-" + reminder.id() + " .reminder-status").getText())
        .isEqualTo("cancelled");
    assertThat(suite.rest().reminder(reminder.id()).status()).isEqualTo(ReminderStatus.CANCELLED);
  }

  @Test
  @Order(4)
  void aDeadLetterReplayedInTheUiAnswersTheUserOnce() {
    UserDto user = start(1197, "Yusuf");
    suite
        .llm()
        .respondWith(
            request ->
                request.systemPromptContains("Name: Yusuf.") ? OpenAiAnswer.serverError() : null);
    int before = suite.telegram().sentTexts(user.telegramId()).size();
    assertThat(say(user, "Are you up?")).startsWith("Sorry");
    await().atMost(PATIENCE).until(() -> deadLetterOf(user) != null);
    String deadLetterId = deadLetterOf(user);

    // the model is back; the operator replays the message from the UI
    suite
        .llm()
        .respondWith(
            request ->
                request.systemPromptContains("Name: Yusuf.")
                    ? OpenAiAnswer.text("Yes, I am up now.")
                    : null);
    browser.open("/admin/dead-letters");
    assertThat(browser.textContaining(deadLetterId)).contains(deadLetterId);
    browser.screenshot("dead-letters");
    browser.driver.findElement(By.linkText(deadLetterId)).click();
    assertThat(browser.find("#envelope").getText()).contains("Are you up?");
    browser.screenshot("dead-letter");
    browser.find("button.replay").click();
    assertThat(browser.textContaining("Dead letter " + deadLetterId + " replayed."))
        .contains("Dead letter " + deadLetterId + " replayed.");

    suite.telegram().awaitSentMessages(user.telegramId(), before + 2, PATIENCE);
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(20))
        .until(() -> suite.telegram().sentTexts(user.telegramId()).size() == before + 2);
    assertThat(suite.telegram().sentTexts(user.telegramId()).get(before + 1))
        .isEqualTo("Yes, I am up now.");
    assertThat(deadLetterOf(user)).isNull();
  }

  @Test
  @Order(5)
  void aPostWithoutTheCsrfTokenIsRefused() {
    UserDto user = start(1198, "Zora");
    browser.open("/admin/users/" + user.id());
    String script =
        "const done = arguments[arguments.length - 1];"
            + "fetch(arguments[0], {method: 'POST', headers: {'Content-Type':"
            + " 'application/x-www-form-urlencoded'}, body: arguments[1], redirect: 'manual'})"
            + ".then(r => done(r.status), e => done(String(e)));";
    String action = "/admin/users/" + user.id() + "/status";

    Object withoutToken = browser.driver.executeAsyncScript(script, action, "status=blocked");
    assertThat(withoutToken).isEqualTo(403L);
    assertThat(suite.rest().user(user.id()).status().name()).isEqualTo("ACTIVE");

    // the same request with the form's token goes through (the browser's session is logged in)
    String token = browser.find("input[name=_csrf]").getAttribute("value");
    browser.driver.executeAsyncScript(script, action, "status=blocked&_csrf=" + token);
    assertThat(suite.rest().user(user.id()).status().name()).isEqualTo("BLOCKED");
  }

  private static UserDto start(long telegramId, String firstName) {
    int before = suite.telegram().sentMessages(telegramId).size();
    suite.telegram().pushTextMessage(telegramId, "/start", null, firstName);
    suite.telegram().awaitSentMessages(telegramId, before + 1, PATIENCE);
    return suite.rest().userByTelegramId(telegramId);
  }

  private static String say(UserDto user, String text) {
    int before = suite.telegram().sentTexts(user.telegramId()).size();
    suite.telegram().pushTextMessage(user.telegramId(), text);
    return suite
        .telegram()
        .awaitSentMessages(user.telegramId(), before + 1, PATIENCE)
        .get(before)
        .text();
  }

  /** The id of the user's dead letter in the inbox's dead-letter stream, or null. */
  private static String deadLetterOf(UserDto user) {
    EnvelopeCodec codec = new EnvelopeCodec();
    List<MapRecord<String, Object, Object>> records =
        suite.redis().opsForStream().range(Streams.dlq(Streams.INBOX), Range.unbounded());
    return records.stream()
        .filter(
            record -> {
              Map<Object, Object> fields = record.getValue();
              return fields.get("envelope") != null
                  && user.id().equals(codec.decode((String) fields.get("envelope")).userId());
            })
        .map(record -> record.getId().getValue())
        .findFirst()
        .orElse(null);
  }
}
