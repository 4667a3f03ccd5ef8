package org.smartassistant.tgbot.updates;

import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How updates reach the bot ({@code smart.telegram.updates.*}, docs/telegram.md): long polling (the
 * default) or a webhook Telegram calls. Webhook mode without its URL or secret fails the start with
 * a sentence naming the missing variable.
 *
 * @param mode {@code polling} or {@code webhook} ({@code TELEGRAM_MODE})
 * @param webhookUrl the public HTTPS address Telegram posts updates to, ending in {@value
 *     WebhookEndpoint#PATH} behind a reverse proxy ({@code TELEGRAM_WEBHOOK_URL})
 * @param webhookSecret the secret Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token} with
 *     every update: 1-256 characters {@code A-Z a-z 0-9 _ -} ({@code TELEGRAM_WEBHOOK_SECRET})
 */
@ConfigurationProperties("smart.telegram.updates")
public record UpdateSourceProperties(
    @DefaultValue("polling") Mode mode, URI webhookUrl, String webhookSecret) {

  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  public UpdateSourceProperties {
    mode = mode == null ? Mode.POLLING : mode;
    if (webhookUrl != null && webhookUrl.toString().isBlank()) {
      webhookUrl = null;
    }
    if (mode == Mode.WEBHOOK) {
      if (webhookUrl == null || !webhookUrl.isAbsolute() || webhookUrl.getHost() == null) {
        throw new IllegalArgumentException(
            "TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_URL, the public https:// address"
                + " Telegram posts updates to (it reaches this service's "
                + WebhookEndpoint.PATH
                + "); was '"
                + (webhookUrl == null ? "" : webhookUrl)
                + "'");
      }
      if (webhookSecret == null || !SECRET.matcher(webhookSecret).matches()) {
        throw new IllegalArgumentException(
            "TELEGRAM_MODE=webhook needs TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z, a-z,"
                + " 0-9, _ and - (e.g. the output of `openssl rand -hex 32`)");
      }
    }
  }

  /** How updates reach the bot. */
  public enum Mode {
    /** The bot asks Telegram for updates (getUpdates long polling). */
    POLLING,
    /** Telegram posts updates to the bot's webhook endpoint. */
    WEBHOOK
  }
}
