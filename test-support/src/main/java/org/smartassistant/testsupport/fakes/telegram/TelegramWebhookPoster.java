package org.smartassistant.testsupport.fakes.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntFunction;
import tools.jackson.databind.node.ObjectNode;

/**
 * Telegram's side of webhook mode: the address and secret the bot set with {@code setWebhook}
 * (until {@code deleteWebhook}), and an update posted there as Telegram posts it (JSON body, the
 * secret in {@code X-Telegram-Bot-Api-Secret-Token}). Update ids come from the same sequence as
 * queued updates.
 */
final class TelegramWebhookPoster {

  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";

  private final TelegramState state;
  private final TelegramUpdates updates;
  // the webhook stays set across the fake's reset, as at Telegram: a bot sets it once, at its start
  private volatile String url;
  private volatile String secret;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  TelegramWebhookPoster(TelegramState state, TelegramUpdates updates) {
    this.state = state;
    this.updates = updates;
  }

  /** The bot set its webhook (an accepted setWebhook). */
  void set(String url, String secret) {
    this.url = url;
    this.secret = secret;
  }

  /** The bot deleted its webhook. */
  void delete() {
    set(null, null);
  }

  /** The webhook's URL, or null when none is set. */
  String url() {
    return url;
  }

  /** The webhook's secret token, or null. */
  String secret() {
    return secret;
  }

  /**
   * Posts the update {@code build} makes to the webhook with {@code secret} (null: no header);
   * returns the HTTP status the bot answered.
   */
  int post(IntFunction<ObjectNode> build, String secret) {
    String target = url;
    if (target == null) {
      throw new IllegalStateException("the bot has set no webhook");
    }
    String body;
    state.lock();
    try {
      body = build.apply(updates.reserveId()).toString();
    } finally {
      state.unlock();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      request.header(SECRET_HEADER, secret);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new UncheckedIOException("posting to the webhook " + target, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted posting to the webhook", e);
    }
  }
}
