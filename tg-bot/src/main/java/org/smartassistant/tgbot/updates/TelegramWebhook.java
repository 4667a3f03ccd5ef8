package org.smartassistant.tgbot.updates;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.concurrent.DaemonThreads;
import org.smartassistant.common.retry.BoundedRetry;
import org.smartassistant.tgbot.commands.Commands;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.retry.RetryException;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Webhook mode ({@code TELEGRAM_MODE=webhook}): at start tells Telegram where to post updates and
 * with which secret ({@code setWebhook}), retried in the background until Telegram answers, and
 * opens the intake that {@link WebhookEndpoint} feeds. The webhook stays set when the service
 * stops, so Telegram keeps the updates meanwhile and sends them again. Also the {@code telegram}
 * health contributor in this mode.
 */
@Component("telegram")
@ConditionalOnProperty(name = "smart.telegram.updates.mode", havingValue = "webhook")
class TelegramWebhook implements SmartLifecycle, HealthIndicator {

  private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);
  private static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query");

  private final TelegramProperties telegram;
  private final UpdateSourceProperties source;
  private final TelegramClient client;
  private final UpdateDispatcher dispatcher;
  private final TelegramSender sender;
  private final Commands commands;

  private volatile boolean running;
  private volatile boolean registered;
  private volatile String lastError;
  private Thread registration;

  TelegramWebhook(
      TelegramProperties telegram,
      UpdateSourceProperties source,
      TelegramClient client,
      UpdateDispatcher dispatcher,
      TelegramSender sender,
      Commands commands) {
    this.telegram = telegram;
    this.source = source;
    this.client = client;
    this.dispatcher = dispatcher;
    this.sender = sender;
    this.commands = commands;
  }

  @Override
  public synchronized void start() {
    running = true;
    dispatcher.start();
    if (!telegram.hasToken()) {
      log.warn(
          "TELEGRAM_BOT_TOKEN is not set: no webhook is set, and replies wait in the outbox until"
              + " a token is configured and the service restarted.");
      return;
    }
    registration = DaemonThreads.unstarted("telegram-webhook", this::registerUntilDone);
    registration.start();
  }

  private void registerUntilDone() {
    try {
      new BoundedRetry(Long.MAX_VALUE, Duration.ofSeconds(1), Duration.ofSeconds(60))
          .template(failure -> running && !(failure instanceof InterruptedException))
          .execute(this::register);
    } catch (RetryException stoppedOrInterrupted) {
      // the service stops before Telegram could be reached
    }
  }

  private Boolean register() throws TelegramApiException {
    if (!running) {
      return false;
    }
    try {
      client.execute(
          SetWebhook.builder()
              .url(source.webhookUrl().toString())
              .secretToken(source.webhookSecret())
              .allowedUpdates(ALLOWED_UPDATES)
              .build());
    } catch (TelegramApiException | RuntimeException e) {
      lastError = e.getMessage();
      log.warn("could not set the Telegram webhook ({}); trying again", lastError);
      throw e;
    }
    registered = true;
    lastError = null;
    // the address only: the secret never goes to the logs
    log.info("Telegram posts updates to {}", source.webhookUrl());
    try {
      sender.setCommands(commands.menu());
    } catch (TelegramApiException e) {
      log.warn("could not publish the command menu to Telegram: {}", e.getMessage());
    }
    return true;
  }

  @Override
  public synchronized void stop() {
    if (!running) {
      return;
    }
    running = false;
    if (registration != null) {
      registration.interrupt();
    }
    dispatcher.stop();
    registered = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public Health health() {
    Health.Builder health =
        registered ? Health.up() : Health.unknown().withDetail("reason", "webhook not set yet");
    health.withDetail("webhook", registered);
    if (lastError != null) {
      health.withDetail("error", lastError);
    }
    return health.build();
  }
}
