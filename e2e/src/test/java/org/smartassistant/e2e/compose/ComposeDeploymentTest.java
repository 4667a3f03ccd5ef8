package org.smartassistant.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeHttpServer;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiAnswer;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.springframework.web.client.RestClient;

/**
 * The compose check: the real images, started from the real {@code docker-compose.yml} (plus an
 * override that lets the containers reach the fakes), with the fake Telegram and the fake LLM on
 * this machine's Docker bridge address. The scenarios run in order on one deployment: healthy, a
 * conversation, a reminder, Redis and the assistant restarted with messages in flight, and the
 * whole deployment taken down and up again. Runs only with {@code -Dcompose=true} (./manage.sh test
 * --compose), which builds the jars and the base images first.
 */
@EnabledIfSystemProperty(named = "compose", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeDeploymentTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Duration UP_PATIENCE = Duration.ofMinutes(10);
  private static final long ADA = 3001;
  private static final long BOB = 3002;
  private static final long OPERATOR = 3999;
  private static final List<String> SERVICES =
      List.of(
          "postgres",
          "redis",
          "rest-service",
          "calendar-service",
          "assistant",
          "tg-bot",
          "cron-service");

  private static final java.util.Random RANDOM = new java.util.Random();
  private static final java.util.Set<Integer> TAKEN = new java.util.HashSet<>();

  private static ComposeProject compose;
  private static FakeTelegramBotApi telegram;
  private static FakeOpenAi llm;
  private static RestServiceClient rest;
  private static Prometheus prometheus;
  private static String alertmanagerUrl;

  @BeforeAll
  static void upTheDeployment() {
    String gateway = bridgeGateway();
    System.setProperty(FakeHttpServer.ADDRESS_PROPERTY, gateway);
    telegram = new FakeTelegramBotApi().start();
    llm = new FakeOpenAi().start();
    int restPort = publishablePort();
    String token = UUID.randomUUID() + "-" + UUID.randomUUID();
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("INTERNAL_TOKEN", token);
    settings.put("CREDENTIALS_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    settings.put("DATABASE_PASSWORD", UUID.randomUUID().toString());
    settings.put("REDIS_PASSWORD", UUID.randomUUID().toString());
    settings.put("REST_SERVICE_PORT", Integer.toString(restPort));
    settings.put("CALENDAR_SERVICE_PORT", Integer.toString(publishablePort()));
    settings.put("ASSISTANT_PORT", Integer.toString(publishablePort()));
    settings.put("TG_BOT_PORT", Integer.toString(publishablePort()));
    settings.put("CRON_SERVICE_PORT", Integer.toString(publishablePort()));
    int prometheusPort = publishablePort();
    settings.put("PROMETHEUS_PORT", Integer.toString(prometheusPort));
    int alertmanagerPort = publishablePort();
    settings.put("ALERTMANAGER_PORT", Integer.toString(alertmanagerPort));
    settings.put("ALERTMANAGER_LOG_LEVEL", "debug");
    settings.put("TELEGRAM_ALERT_CHAT_IDS", Long.toString(OPERATOR));
    settings.put("PUBLISH_ADDRESS", "127.0.0.1");
    settings.put("TELEGRAM_BOT_TOKEN", Suite.BOT_TOKEN);
    settings.put("TELEGRAM_API_URL", "http://host.docker.internal:" + telegram.port());
    settings.put("TELEGRAM_ACCESS_MODE", "allowlist");
    settings.put("TELEGRAM_ALLOWED_USER_IDS", ADA + "," + BOB);
    settings.put("OPENAI_API_KEY", "test-key");
    settings.put(
        "OPENAI_BASE_URL",
        "http://host.docker.internal:" + java.net.URI.create(llm.baseUrl()).getPort() + "/v1");
    compose = new ComposeProject(Suite.projectRoot(), "smart-assistant-check", settings);
    prometheus = new Prometheus("http://127.0.0.1:" + prometheusPort);
    alertmanagerUrl = "http://127.0.0.1:" + alertmanagerPort;
    // every volume of the check's project goes, the monitoring profile's too: an Alertmanager
    // that finds the notification log of an earlier run does not send the same alert again
    compose.tryRun(
        Duration.ofMinutes(2), "--profile", "monitoring", "down", "--volumes", "--remove-orphans");
    rest =
        ServiceClients.create(
            RestServiceClient.class,
            RestClient.builder(),
            ServiceClientProperties.of("http://127.0.0.1:" + restPort),
            token);
  }

  @AfterAll
  static void downTheDeployment() {
    if (compose != null) {
      compose.tryRun(Duration.ofMinutes(2), "logs", "--tail=30");
      compose.tryRun(
          Duration.ofMinutes(2),
          "--profile",
          "monitoring",
          "down",
          "--volumes",
          "--remove-orphans");
    }
    if (telegram != null) {
      telegram.close();
    }
    if (llm != null) {
      llm.close();
    }
    System.clearProperty(FakeHttpServer.ADDRESS_PROPERTY);
  }

  @BeforeEach
  void sayTheStep(TestInfo step) {
    System.out.println("[compose] step: " + step.getDisplayName());
  }

  @Test
  @Order(1)
  void everyContainerBecomesHealthy() {
    compose.run(UP_PATIENCE, "up", "--detach", "--build", "--wait", "--wait-timeout", "480");

    Map<String, String> health = compose.health();
    assertThat(health.keySet()).containsExactlyInAnyOrderElementsOf(SERVICES);
    assertThat(health).allSatisfy((service, state) -> assertThat(state).isEqualTo("healthy"));
  }

  @Test
  @Order(2)
  void startAndAMessageAreAnsweredThroughTheContainers() {
    telegram.pushTextMessage(ADA, "/start", "ada_l", "Ada");
    telegram.awaitSentMessages(ADA, 1, PATIENCE);
    UserDto ada = rest.userByTelegramId(ADA);
    assertThat(telegram.sentTexts(ADA).get(0))
        .isEqualTo(rest.userSecretary(ada.id()).assistant().startupMessage());

    llm.enqueue(OpenAiAnswer.text("Hello Ada, from the containers."));
    telegram.pushTextMessage(ADA, "Hello?");

    assertThat(telegram.awaitSentMessages(ADA, 2, PATIENCE).get(1).text())
        .isEqualTo("Hello Ada, from the containers.");
  }

  @Test
  @Order(3)
  void aReminderSetThroughTheApiFires() {
    UserDto ada = rest.userByTelegramId(ADA);
    int before = telegram.sentTexts(ADA).size();
    // the reminder's notice goes through the secretary, whose answer reaches the chat
    llm.setDefaultAnswer(OpenAiAnswer.text("Time to water the plants."));
    ReminderDto reminder =
        rest.createReminder(
            CreateReminderRequest.oneTime(
                ada.id(), Instant.now().plusSeconds(8), "Water the plants"));

    telegram.awaitSentMessages(ADA, before + 1, PATIENCE);
    assertThat(telegram.sentTexts(ADA)).contains("Time to water the plants.");
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(rest.runs(reminder.id(), 0, 10).items())
                    .singleElement()
                    .satisfies(
                        run -> assertThat(run.status()).isEqualTo(ReminderRunStatus.DELIVERED)));
  }

  @Test
  @Order(4)
  void prometheusScrapesEveryServiceAndEveryDashboardPanelHasData() throws Exception {
    startMonitoring();
    // a short load while Prometheus watches
    llm.enqueue(OpenAiAnswer.text("Monitored hello."));
    int before = telegram.sentTexts(ADA).size();
    telegram.pushTextMessage(ADA, "Are you watched?");
    telegram.awaitSentMessages(ADA, before + 1, PATIENCE);

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(prometheus.targetHealth())
                    .containsOnlyKeys(
                        "rest-service", "calendar-service", "assistant", "tg-bot", "cron-service")
                    .allSatisfy((job, health) -> assertThat(health).as(job).isEqualTo("up")));
    List<String> expressions = Prometheus.dashboardExpressions(Suite.projectRoot());
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(expressions)
                    .allSatisfy(
                        expression ->
                            assertThat(prometheus.seriesCount(expression))
                                .as(expression)
                                .isPositive()));
  }

  @Test
  @Order(5)
  void aStoppedServiceRaisesAnAlertInTheOperatorsChat() {
    // still up from step 4 (this changes nothing then); removed again at the end of this step
    startMonitoring();
    compose.run(Duration.ofMinutes(2), "stop", "calendar-service");
    long stopped = System.nanoTime();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .untilAsserted(
              () ->
                  assertThat(telegram.sentTexts(OPERATOR))
                      .anySatisfy(
                          text ->
                              assertThat(text).contains("firing: ServiceDown (calendar-service)")));
      System.out.printf(
          "[compose] the alert reached the operator's chat %.1f s after the stop%n",
          (System.nanoTime() - stopped) / 1e9);
    } catch (AssertionError | RuntimeException e) {
      showTheAlertPath();
      throw e;
    } finally {
      compose.run(
          UP_PATIENCE, "up", "--detach", "--wait", "--wait-timeout", "300", "calendar-service");
      compose.run(
          Duration.ofMinutes(2),
          "--profile",
          "monitoring",
          "rm",
          "--stop",
          "--force",
          "prometheus",
          "alertmanager");
    }
  }

  /** Where the alert got to: Prometheus's and Alertmanager's view, and the logs on its way. */
  private static void showTheAlertPath() {
    System.out.println(
        "[compose] the alert did not arrive; the operator's chat: " + telegram.sentTexts(OPERATOR));
    System.out.println("[compose] Prometheus /api/v1/alerts: " + prometheus.raw("/api/v1/alerts"));
    System.out.println(
        "[compose] Alertmanager /api/v2/alerts: "
            + Prometheus.rawGet(alertmanagerUrl + "/api/v2/alerts"));
    compose.tryRun(
        Duration.ofMinutes(1),
        "--profile",
        "monitoring",
        "logs",
        "--timestamps",
        "--tail=200",
        "prometheus",
        "alertmanager",
        "tg-bot");
  }

  /** Starts Prometheus and Alertmanager (the {@code monitoring} profile); nothing when up. */
  private void startMonitoring() {
    compose.run(
        UP_PATIENCE,
        "--profile",
        "monitoring",
        "up",
        "--detach",
        "--wait",
        "--wait-timeout",
        "300",
        "prometheus",
        "alertmanager");
  }

  @Test
  @Order(6)
  void restartingRedisLosesNoMessageInFlight() {
    UserDto bob = startUser(BOB, "Bob");
    int before = telegram.sentTexts(BOB).size();
    llm.respondWith(
        request ->
            request.systemPromptContains("Name: Bob.")
                ? OpenAiAnswer.text("Answer to: " + request.lastUserText())
                    .withLatency(Duration.ofSeconds(4))
                : null);
    long requests = llm.requestCount();

    telegram.pushTextMessage(bob.telegramId(), "before the Redis restart");
    await().atMost(PATIENCE).until(() -> llm.requestCount() > requests);
    compose.run(Duration.ofMinutes(2), "restart", "redis");
    telegram.pushTextMessage(bob.telegramId(), "after the Redis restart");

    awaitExactly(BOB, before + 2);
    assertThat(telegram.sentTexts(BOB).subList(before, before + 2))
        .containsExactlyInAnyOrder(
            "Answer to: before the Redis restart", "Answer to: after the Redis restart");
  }

  @Test
  @Order(7)
  void restartingTheAssistantLosesNoMessageInFlight() {
    int before = telegram.sentTexts(BOB).size();
    long requests = llm.requestCount();

    telegram.pushTextMessage(BOB, "during the assistant restart");
    await().atMost(PATIENCE).until(() -> llm.requestCount() > requests);
    compose.run(Duration.ofMinutes(3), "restart", "assistant");

    awaitExactly(BOB, before + 1);
    assertThat(telegram.sentTexts(BOB).get(before))
        .isEqualTo("Answer to: during the assistant restart");
  }

  @Test
  @Order(8)
  void downAndUpKeepUsersHistoryAndReminders() {
    UserDto ada = rest.userByTelegramId(ADA);
    ReminderDto later =
        rest.createReminder(
            CreateReminderRequest.oneTime(
                ada.id(), Instant.now().plus(Duration.ofDays(1)), "Call the bank"));
    int history = rest.messages(ada.id(), 100, null).size();
    assertThat(history).isGreaterThan(0);

    compose.run(Duration.ofMinutes(3), "down");
    compose.run(UP_PATIENCE, "up", "--detach", "--wait", "--wait-timeout", "480");

    assertThat(compose.health()).allSatisfy((s, state) -> assertThat(state).isEqualTo("healthy"));
    assertThat(rest.userByTelegramId(ADA).id()).isEqualTo(ada.id());
    assertThat(rest.userByTelegramId(BOB)).isNotNull();
    assertThat(rest.messages(ada.id(), 100, null)).hasSize(history);
    assertThat(rest.reminder(later.id()).text()).isEqualTo("Call the bank");
    // and the suite still answers after the restart
    llm.enqueue(OpenAiAnswer.text("Still here."));
    int before = telegram.sentTexts(ADA).size();
    telegram.pushTextMessage(ADA, "Are you there?");
    assertThat(telegram.awaitSentMessages(ADA, before + 1, PATIENCE).get(before).text())
        .isEqualTo("Still here.");
  }

  @Test
  @Order(9)
  void anOperatorCommandRunsInAOneOffContainerAndEnds() {
    // what ./manage.sh upgrade runs in Docker mode
    ComposeProject.Result upgrade =
        compose.tryRun(
            Duration.ofMinutes(4),
            "run",
            "--rm",
            "--no-TTY",
            "rest-service",
            "--smart.command=upgrade");

    assertThat(upgrade.exitCode()).isZero();
    assertThat(upgrade.output()).contains("database schema at version");
    assertThat(compose.health()).allSatisfy((s, state) -> assertThat(state).isEqualTo("healthy"));
  }

  /**
   * A free port below Linux's ephemeral range (32768 and up) for compose to publish: a port the
   * kernel hands out (port 0) may be taken by an outgoing connection before the containers start.
   */
  private static int publishablePort() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + RANDOM.nextInt(12_000);
      if (!TAKEN.contains(port) && bindable(port)) {
        TAKEN.add(port);
        return port;
      }
    }
    throw new AssertionError("no free port between 20000 and 32000");
  }

  private static boolean bindable(int port) {
    try (java.net.ServerSocket socket =
        new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static UserDto startUser(long telegramId, String firstName) {
    int before = telegram.sentTexts(telegramId).size();
    telegram.pushTextMessage(telegramId, "/start", null, firstName);
    telegram.awaitSentMessages(telegramId, before + 1, PATIENCE);
    return rest.userByTelegramId(telegramId);
  }

  /** Exactly {@code count} messages reach the chat: none lost, and none doubled a while later. */
  private static void awaitExactly(long chatId, int count) {
    telegram.awaitSentMessages(chatId, count, PATIENCE);
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(15))
        .until(() -> telegram.sentTexts(chatId).size() == count);
  }

  /**
   * The Docker bridge's gateway: an address of this machine that the containers reach ({@code
   * host-gateway}). Taken from the network's IPAM settings, or from the bridge interface when the
   * engine does not list a gateway there (Docker 20.10's default bridge).
   */
  private static String bridgeGateway() {
    String gateway =
        docker(
            "network",
            "inspect",
            "bridge",
            "--format",
            "{{range .IPAM.Config}}{{.Gateway}}{{end}}");
    if (!gateway.isEmpty()) {
      return gateway;
    }
    String device =
        docker(
            "network",
            "inspect",
            "bridge",
            "--format",
            "{{index .Options \"com.docker.network.bridge.name\"}}");
    try {
      java.net.NetworkInterface bridge =
          java.net.NetworkInterface.getByName(device.isEmpty() ? "docker0" : device);
      if (bridge != null) {
        for (java.net.InetAddress address : java.util.Collections.list(bridge.getInetAddresses())) {
          if (address instanceof java.net.Inet4Address) {
            return address.getHostAddress();
          }
        }
      }
    } catch (java.net.SocketException e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("cannot find the Docker bridge's address (device '" + device + "')");
  }

  private static String docker(String... args) {
    try {
      List<String> command = new java.util.ArrayList<>(List.of("docker"));
      command.addAll(List.of(args));
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes()).trim();
      if (process.waitFor() != 0) {
        throw new AssertionError(String.join(" ", command) + ": " + output);
      }
      return output;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
