package org.smartassistant.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.restclient.ServiceClientProperties;
import org.smartassistant.common.restclient.ServiceClients;
import org.smartassistant.testsupport.TestPostgres;
import org.smartassistant.testsupport.TestRedis;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.google.FakeGoogle;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.smartassistant.testsupport.fakes.websearch.FakeSearxng;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.RestClient;

/**
 * The whole suite for end-to-end tests: the five services as separate processes from their built
 * jars, against the test PostgreSQL and Redis (a database of their own) and the fakes of the
 * outside world. One suite per test JVM ({@link #shared()}), stopped when the JVM's tests are done
 * ({@link SuiteSessionListener}) and, as a fallback, when the JVM ends; scenarios may kill, restart
 * or add instances.
 */
public final class Suite {

  private static final Duration READY_PATIENCE = Duration.ofSeconds(240);
  private static Suite shared;

  private boolean stopped;

  private final Path root;
  private final Path logDir;
  private final Map<String, String> environment = new HashMap<>();
  private final Map<Service, List<ServiceProcess>> running = new EnumMap<>(Service.class);
  private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
  private final AtomicInteger instanceCounter = new AtomicInteger();
  private final String redisUrl;
  private final String databaseUrl;
  private final FakeTelegramBotApi telegram;
  private final FakeOpenAi llm;
  private final FakeGoogle google;
  private final FakeSearxng searxng;
  private RestServiceClient rest;
  private StringRedisTemplate redis;

  /** Telegram user ids on the bot's allowlist; others are refused. */
  public static final long FIRST_ALLOWED_USER = 1001;

  public static final long LAST_ALLOWED_USER = 1200;

  /** Telegram group chats the bot answers in; others are refused. */
  public static final long FIRST_ALLOWED_GROUP = -1001001;

  public static final long LAST_ALLOWED_GROUP = -1001020;

  /** The price table of the suite's assistants (per 1M input/output tokens). */
  public static final String LLM_PRICES = "gpt-4o-mini=0.15/0.60,gpt-4o=2.50/10.00";

  /** The password of rest-service's admin UI (user {@code admin}) and its hash. */
  public static final String ADMIN_PASSWORD = "suite-admin-password";

  static final String ADMIN_PASSWORD_HASH =
      "{bcrypt}$2a$10$QQZW8r.J0nARZjgXeQXUN.2TcAronE89ykwPw7JP6HvN.kR4/neIq";

  /** The largest voice note the suite's assistant transcribes. */
  public static final String TRANSCRIPTION_MAX_SIZE = "1MB";

  /** The bot token the suite's tg-bot uses (a fake one). */
  public static final String BOT_TOKEN = "123456:suite-test-token";

  /** The OAuth client calendar-service uses at the fake Google. */
  public static final String GOOGLE_CLIENT_ID = "suite-client.apps.googleusercontent.com";

  public static final String GOOGLE_CLIENT_SECRET = "suite-client-secret";

  private Suite(Map<String, String> extraEnvironment) {
    this.root = projectRoot();
    this.logDir =
        root.resolve("e2e/target/e2e-logs")
            .resolve(
                java.time.LocalDateTime.now().toString().replace(":", "")
                    + "-"
                    + ProcessHandle.current().pid());
    TestPostgres postgres = TestPostgres.get();
    TestRedis redis = TestRedis.get();
    this.databaseUrl = postgres.newDatabase();
    this.redisUrl = redis.newDatabase();
    for (Service service : Service.values()) {
      ports.put(service, freePort());
    }
    environment.put("DATABASE_URL", databaseUrl);
    environment.put("DATABASE_USER", postgres.user());
    environment.put("DATABASE_PASSWORD", postgres.password());
    environment.put("REDIS_URL", redisUrl);
    environment.put("INTERNAL_TOKEN", UUID.randomUUID().toString());
    environment.put("CREDENTIALS_ENCRYPTION_KEY", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
    environment.put("REST_SERVICE_URL", "http://127.0.0.1:" + ports.get(Service.REST));
    environment.put("CALENDAR_SERVICE_URL", "http://127.0.0.1:" + ports.get(Service.CALENDAR));
    environment.put("ASSISTANT_URL", "http://127.0.0.1:" + ports.get(Service.ASSISTANT));
    environment.put("CRON_SERVICE_URL", "http://127.0.0.1:" + ports.get(Service.CRON));
    // the admin UI of rest-service, with a short lock-out so that AdminUiTest can wait it out
    environment.put("ADMIN_PASSWORD_HASH", ADMIN_PASSWORD_HASH);
    environment.put("ADMIN_LOCKOUT_DURATION", "5s");
    telegram = new FakeTelegramBotApi().start();
    llm = new FakeOpenAi().start();
    environment.put("TELEGRAM_BOT_TOKEN", BOT_TOKEN);
    environment.put("TELEGRAM_API_URL", telegram.baseUrl());
    environment.put("TELEGRAM_ACCESS_MODE", "allowlist");
    environment.put(
        "TELEGRAM_ALLOWED_USER_IDS",
        LongStream.rangeClosed(FIRST_ALLOWED_USER, LAST_ALLOWED_USER)
            .mapToObj(Long::toString)
            .collect(Collectors.joining(",")));
    environment.put(
        "TELEGRAM_ALLOWED_GROUP_IDS",
        LongStream.rangeClosed(LAST_ALLOWED_GROUP, FIRST_ALLOWED_GROUP)
            .mapToObj(Long::toString)
            .collect(Collectors.joining(",")));
    environment.put("OPENAI_API_KEY", "test-key");
    environment.put("OPENAI_BASE_URL", llm.apiUrl());
    environment.put("LLM_PRICES", LLM_PRICES);
    // voice notes: the fake's transcriptions endpoint; the assistant fetches files through tg-bot
    environment.put("TG_BOT_URL", "http://127.0.0.1:" + ports.get(Service.TG_BOT));
    environment.put("TRANSCRIPTION_BASE_URL", llm.apiUrl());
    environment.put("TRANSCRIPTION_MAX_SIZE", TRANSCRIPTION_MAX_SIZE);
    // every scenario's secretary runs on the same model: one scenario's outage must not open its
    // circuit for the next (the breaker is shown by the assistant's ModelFallbackTest)
    environment.put("LLM_CIRCUIT_FAILURES", "1000");
    google = new FakeGoogle().start().expectClient(GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET);
    environment.put("GOOGLE_AUTH_URL", google.authorizationUrl());
    environment.put("GOOGLE_TOKEN_URL", google.tokenUrl());
    environment.put("GOOGLE_API_ROOT", google.apiRootUrl());
    environment.put("GOOGLE_CLIENT_ID", GOOGLE_CLIENT_ID);
    environment.put("GOOGLE_CLIENT_SECRET", GOOGLE_CLIENT_SECRET);
    environment.put(
        "GOOGLE_REDIRECT_URI",
        "http://127.0.0.1:" + ports.get(Service.CALENDAR) + "/auth/callback");
    // calendar reminder rules follow events moved or cancelled at the fake Google within seconds
    environment.put("CALENDAR_RULE_SYNC_INTERVAL", "2s");
    environment.put("OAUTH_STATE_SECRET", "suite-oauth-state-secret-" + UUID.randomUUID());
    searxng = new FakeSearxng().start();
    environment.put("WEB_SEARCH_PROVIDER", "searxng");
    environment.put("WEB_SEARCH_URL", searxng.baseUrl());
    // one debug line per message where it enters tg-bot, per envelope handled, per request to
    // rest-service and per turn whose history rest-service stores (several turns share a request,
    // each stored under its own message's trace): TracingTest follows a message's trace id through
    // them (an environment variable cannot name a logger with capitals, hence the JSON)
    environment.put(
        "SPRING_APPLICATION_JSON",
        "{\"logging.level.org.smartassistant.tgbot.updates.UpdateIntake\":\"DEBUG\","
            + "\"logging.level.org.smartassistant.common.stream.DeliveryProcessor\":\"DEBUG\","
            + "\"logging.level.org.smartassistant.rest.messages.TurnHistoryResource\":\"DEBUG\","
            + "\"logging.level.org.springframework.web.servlet.DispatcherServlet\":\"DEBUG\"}");
    environment.putAll(extraEnvironment);
  }

  /** The suite of this JVM, started on first use. */
  public static Suite shared() {
    return shared(Map.of());
  }

  /**
   * The suite of this JVM, started on first use with extra settings (only the first call's count).
   */
  public static synchronized Suite shared(Map<String, String> extraEnvironment) {
    if (shared == null) {
      Suite suite = new Suite(extraEnvironment);
      Runtime.getRuntime().addShutdownHook(new Thread(suite::stopAll));
      try {
        suite.startAll();
      } catch (RuntimeException | Error e) {
        // leave no service behind for later tests (or other runs) to trip over
        suite.stopAll();
        throw e;
      }
      shared = suite;
    }
    return shared;
  }

  /**
   * Stops the shared suite, if one was started. Called when the JVM's tests are done, before the
   * JVM's exit drops the test database: a service stopped after that would find its database gone
   * in its graceful shutdown (Quartz retries it without end) and outlive the test JVM.
   */
  static synchronized void stopShared() {
    if (shared != null) {
      shared.stopAll();
    }
  }

  /** The repository's root: the first folder above the working directory with the wrapper. */
  public static Path projectRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "cannot find the project root (mvnw) above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  /** A TCP port free on this machine now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path jar(Service service) {
    Path jar =
        root.resolve(service.module())
            .resolve("target")
            .resolve(service.module() + "-0.1.0-SNAPSHOT.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build the services first (./manage.sh test does)");
    }
    return jar;
  }

  /**
   * Starts every service (rest-service first, the others in parallel) and waits until all are
   * ready.
   */
  public void startAll() {
    try {
      start(Service.REST).awaitReady(READY_PATIENCE);
      List<ServiceProcess> others = new ArrayList<>();
      for (Service service :
          List.of(Service.CALENDAR, Service.ASSISTANT, Service.TG_BOT, Service.CRON)) {
        others.add(start(service));
      }
      for (ServiceProcess process : others) {
        process.awaitReady(READY_PATIENCE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the suite", e);
    }
  }

  /**
   * Starts one more instance of a service (the first on its own port, later ones on fresh ports).
   */
  public synchronized ServiceProcess start(Service service) {
    return start(service, Map.of());
  }

  /**
   * Starts one more instance of a service with settings of its own on top of the suite's (e.g.
   * {@code REMINDER_MISFIRE_LIMIT} for a cron-service instance), on the service's port when no
   * other instance of it runs.
   */
  public synchronized ServiceProcess start(Service service, Map<String, String> extraEnvironment) {
    boolean first =
        running.getOrDefault(service, List.of()).stream().noneMatch(ServiceProcess::isAlive);
    return start(service, first ? ports.get(service) : freePort(), extraEnvironment);
  }

  /**
   * Starts one more instance of a service on the given port (e.g. one whose address it must be
   * told, such as a Telegram webhook's), with settings of its own on top of the suite's.
   */
  public synchronized ServiceProcess start(
      Service service, int port, Map<String, String> extraEnvironment) {
    List<ServiceProcess> instances = running.computeIfAbsent(service, s -> new ArrayList<>());
    String name = service.module() + "-" + instanceCounter.incrementAndGet();
    try {
      ServiceProcess process =
          ServiceProcess.start(
              service,
              name,
              port,
              jar(service),
              withExtra(extraEnvironment),
              logDir,
              root.resolve("jvm.options"));
      instances.add(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name, e);
    }
  }

  private Map<String, String> withExtra(Map<String, String> extraEnvironment) {
    if (extraEnvironment.isEmpty()) {
      return environment;
    }
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(extraEnvironment);
    return merged;
  }

  public synchronized List<ServiceProcess> instances(Service service) {
    return running.getOrDefault(service, List.of()).stream()
        .filter(ServiceProcess::isAlive)
        .toList();
  }

  public ServiceProcess instance(Service service) {
    List<ServiceProcess> alive = instances(service);
    if (alive.isEmpty()) {
      throw new IllegalStateException(service.module() + " is not running");
    }
    return alive.get(0);
  }

  public String baseUrl(Service service) {
    return "http://127.0.0.1:" + ports.get(service);
  }

  /** The fake Telegram Bot API the suite's tg-bot talks to. */
  public FakeTelegramBotApi telegram() {
    return telegram;
  }

  /** The fake OpenAI-compatible API every assistant model of the suite talks to. */
  public FakeOpenAi llm() {
    return llm;
  }

  /** The fake Google (OAuth consent and token endpoints, Calendar API) of calendar-service. */
  public FakeGoogle google() {
    return google;
  }

  /** The fake SearXNG the assistant's web_search tool asks. */
  public FakeSearxng searxng() {
    return searxng;
  }

  public String internalToken() {
    return environment.get("INTERNAL_TOKEN");
  }

  /** rest-service's typed client, with the suite's internal token (one per suite). */
  public synchronized RestServiceClient rest() {
    if (rest == null) {
      rest =
          ServiceClients.create(
              RestServiceClient.class,
              RestClient.builder(),
              ServiceClientProperties.of(baseUrl(Service.REST)),
              internalToken());
    }
    return rest;
  }

  /** The suite's Redis (its logical database), to look at streams and keys (one per suite). */
  public synchronized StringRedisTemplate redis() {
    if (redis == null) {
      URI url = URI.create(redisUrl);
      RedisStandaloneConfiguration configuration =
          new RedisStandaloneConfiguration(url.getHost(), url.getPort());
      String path = url.getPath();
      if (path != null && path.length() > 1) {
        configuration.setDatabase(Integer.parseInt(path.substring(1)));
      }
      LettuceConnectionFactory connections = new LettuceConnectionFactory(configuration);
      connections.afterPropertiesSet();
      connections.start();
      redis = new StringRedisTemplate(connections);
    }
    return redis;
  }

  public String redisUrl() {
    return redisUrl;
  }

  public String databaseUrl() {
    return databaseUrl;
  }

  public Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  /** Stops every instance gracefully (SIGTERM, then SIGKILL after 30 s). */
  public synchronized void stopAll() {
    if (stopped) {
      return;
    }
    stopped = true;
    stopServices();
    telegram.close();
    llm.close();
    google.close();
    searxng.close();
  }

  private void stopServices() {
    for (List<ServiceProcess> instances : running.values()) {
      for (ServiceProcess process : instances) {
        try {
          if (process.isAlive()) {
            process.stop();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
