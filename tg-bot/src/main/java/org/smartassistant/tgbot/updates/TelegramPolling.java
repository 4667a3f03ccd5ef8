package org.smartassistant.tgbot.updates;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.smartassistant.common.retry.BoundedRetry;
import org.smartassistant.tgbot.access.AccessPolicy;
import org.smartassistant.tgbot.commands.Commands;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Long polling of the Bot API with telegrambots, started and stopped with the application.
 * Registering the bot first calls deleteWebhook, which fails while Telegram is unreachable; it is
 * retried in the background, so the service starts (and stays live) without Telegram. Without a bot
 * token the service runs without polling. Also reports the polling state as the {@code telegram}
 * health contributor (not part of readiness: replies wait in the outbox until Telegram is back).
 */
@Component("telegram")
@ConditionalOnProperty(
    name = "smart.telegram.updates.mode",
    havingValue = "polling",
    matchIfMissing = true)
class TelegramPolling implements SmartLifecycle, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(TelegramPolling.class);
  private static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");
  private static final Duration MAX_REGISTRATION_BACKOFF = Duration.ofSeconds(60);

  private final TelegramProperties properties;
  private final TelegramUrl url;
  private final UpdateDispatcher dispatcher;
  private final TelegramSender sender;
  private final Commands commands;
  private final AccessPolicy access;

  private volatile boolean running;
  private volatile boolean registered;
  private volatile String lastError;
  private TelegramBotsLongPollingApplication application;
  private OkHttpClient pollingClient;
  private ScheduledExecutorService pollingThread;
  private Thread registration;

  TelegramPolling(
      TelegramProperties properties,
      TelegramUrl url,
      UpdateDispatcher dispatcher,
      TelegramSender sender,
      Commands commands,
      AccessPolicy access) {
    this.properties = properties;
    this.url = url;
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.commands = commands;
    this.access = access;
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!properties.hasToken()) {
      log.warn(
          "TELEGRAM_BOT_TOKEN is not set: tg-bot runs without Telegram. It neither polls for"
              + " updates nor delivers replies (they wait in the outbox) until a token is"
              + " configured and the service restarted.");
      return;
    }
    if (access.mode() == TelegramProperties.AccessMode.ALLOWLIST && access.allowedCount() == 0) {
      log.warn(
          "TELEGRAM_ACCESS_MODE is allowlist and TELEGRAM_ALLOWED_USER_IDS is empty: everyone is"
              + " refused. Add Telegram user ids, or set TELEGRAM_ACCESS_MODE=open.");
    }
    dispatcher.start();
    Duration pollTimeout = properties.pollTimeout();
    pollingClient =
        new OkHttpClient.Builder()
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(pollTimeout.plusSeconds(30))
            .writeTimeout(Duration.ofSeconds(30))
            .build();
    pollingThread =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("telegram-polling"));
    application =
        new TelegramBotsLongPollingApplication(
            ObjectMapper::new, () -> pollingClient, () -> pollingThread);
    // the application is created running: registering the bot starts its polling at once
    registration = DaemonThreads.unstarted("telegram-registration", this::registerUntilDone);
    registration.start();
  }

  /**
   * Registers the bot (deleteWebhook, then polling), retrying with backoff (1 s doubling to 60 s)
   * until it works or the service stops: nothing waits on it meanwhile, the outbox keeps its
   * replies.
   */
  private void registerUntilDone() {
    RetryTemplate retry =
        new BoundedRetry(Long.MAX_VALUE, Duration.ofSeconds(1), MAX_REGISTRATION_BACKOFF)
            .template(failure -> running && !(failure instanceof InterruptedException));
    try {
      retry.execute(this::register);
    } catch (RetryException stoppedOrInterrupted) {
      // the service stops before Telegram could be reached
    }
  }

  private Boolean register() throws TelegramApiException {
    if (!running) {
      return false;
    }
    try {
      application.registerBot(properties.botToken(), () -> url, this::getUpdates, dispatcher);
    } catch (TelegramApiException | RuntimeException e) {
      lastError =
          e.getCause() == null ? e.getMessage() : e.getMessage() + ": " + e.getCause().getMessage();
      try {
        application.unregisterBot(properties.botToken());
      } catch (TelegramApiException notRegistered) {
        // nothing to undo
      }
      log.warn(
          "Telegram is not reachable at {}://{}:{} ({}); trying again",
          url.getSchema(),
          url.getHost(),
          url.getPort(),
          lastError);
      throw e;
    }
    registered = true;
    lastError = null;
    log.info(
        "polling Telegram at {}://{}:{} (long poll {} s)",
        url.getSchema(),
        url.getHost(),
        url.getPort(),
        properties.pollTimeout().toSeconds());
    publishCommandMenu();
    return true;
  }

  private GetUpdates getUpdates(Integer lastReceivedUpdateId) {
    return GetUpdates.builder()
        .offset(lastReceivedUpdateId + 1)
        .limit(100)
        .timeout((int) properties.pollTimeout().toSeconds())
        .allowedUpdates(ALLOWED_UPDATES)
        .build();
  }

  private void publishCommandMenu() {
    try {
      sender.setCommands(commands.menu());
    } catch (TelegramApiException e) {
      log.warn("could not publish the command menu to Telegram: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (application == null) {
      return;
    }
    registration.interrupt();
    try {
      // cancels the polling task first: nothing is confirmed to Telegram after this
      application.close();
    } catch (Exception e) {
      log.warn("stopping Telegram long polling: {}", e.getMessage());
    }
    // a long poll still in flight is left to end on its own (daemon thread): whatever it brings is
    // not taken in and not confirmed, and cancelling it would only log an error
    pollingThread.shutdownNow();
    dispatcher.stop();
    pollingClient.connectionPool().evictAll();
    registered = false;
    log.info("stopped polling Telegram");
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public Health health() {
    if (!properties.hasToken()) {
      return Health.unknown()
          .withDetail("polling", false)
          .withDetail("reason", "no bot token")
          .build();
    }
    if (registered) {
      return Health.up().withDetail("polling", true).build();
    }
    Health.Builder health = Health.unknown().withDetail("polling", false);
    if (lastError != null) {
      health.withDetail("error", lastError);
    }
    return health.build();
  }
}
