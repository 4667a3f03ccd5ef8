package org.smartassistant.tgbot.telegram;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.smartassistant.common.retry.BoundedRetry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The bot's Telegram settings ({@code smart.telegram.*}, environment variables in .env.example).
 *
 * @param botToken the token from @BotFather ({@code TELEGRAM_BOT_TOKEN}); without one the service
 *     runs but neither polls nor delivers
 * @param apiUrl the Bot API base URL without path ({@code TELEGRAM_API_URL}); tests point it at a
 *     local fake
 * @param accessMode who may talk to the bot ({@code TELEGRAM_ACCESS_MODE})
 * @param allowedUserIds the Telegram user ids allowed in allowlist mode ({@code
 *     TELEGRAM_ALLOWED_USER_IDS}, comma-separated)
 * @param pollTimeout how long one getUpdates long poll waits at Telegram
 * @param updateThreads threads taking updates into the inbox, and as many sending command answers
 * @param rate pacing of sent messages
 * @param sentPartsTtl how long the parts already sent of a reply are remembered, so a redelivered
 *     reply continues where it stopped
 * @param intake how long an update that cannot be taken in (Redis or rest-service failing) is
 *     retried before it is given up
 */
@Validated
@ConfigurationProperties("smart.telegram")
public record TelegramProperties(
    String botToken,
    @DefaultValue("https://api.telegram.org") @NotNull URI apiUrl,
    @DefaultValue("allowlist") @NotNull AccessMode accessMode,
    @DefaultValue Set<Long> allowedUserIds,
    @DefaultValue("50s") @NotNull Duration pollTimeout,
    @DefaultValue("16") @Min(1) int updateThreads,
    @DefaultValue @Valid @NotNull Rate rate,
    @DefaultValue("6h") @NotNull Duration sentPartsTtl,
    @DefaultValue @Valid @NotNull Intake intake) {

  public TelegramProperties {
    allowedUserIds = allowedUserIds == null ? Set.of() : Set.copyOf(allowedUserIds);
  }

  /** Whether a bot token is configured. */
  public boolean hasToken() {
    return botToken != null && !botToken.isBlank();
  }

  /**
   * The bot's own id: the digits before the colon of the token. Part of the idempotency key of an
   * update, since update ids are only unique per bot.
   */
  public String botId() {
    if (!hasToken()) {
      return "none";
    }
    int colon = botToken.indexOf(':');
    return colon > 0 ? botToken.substring(0, colon) : Integer.toHexString(botToken.hashCode());
  }

  /** Who may talk to the bot. */
  public enum AccessMode {
    /** Only the Telegram user ids in {@code allowedUserIds}. */
    ALLOWLIST,
    /** Anyone. */
    OPEN
  }

  /**
   * Pacing of sent messages within Telegram's limits (about one message per second per chat with
   * short bursts, about thirty per second overall).
   *
   * @param perChatPerSecond sustained messages per second to one chat
   * @param perChatBurst messages to one chat sent at once before pacing starts; a reply of a few
   *     parts is not slowed down
   * @param globalPerSecond messages per second overall ({@code TELEGRAM_GLOBAL_RATE_LIMIT}); 0 for
   *     no limit (benchmarks against the fake Telegram)
   * @param globalBurst messages sent at once overall before pacing starts
   */
  public record Rate(
      @DefaultValue("1") @PositiveOrZero double perChatPerSecond,
      @DefaultValue("3") @Min(1) int perChatBurst,
      @DefaultValue("30") @PositiveOrZero double globalPerSecond,
      @DefaultValue("30") @Min(1) int globalBurst) {}

  /**
   * Retries of an update that could not be taken in. Its batch stays unconfirmed meanwhile, so the
   * next batch waits. An outage (Redis or rest-service out of reach) is waited out with these
   * delays for as long as it lasts; any other failure is given up after {@code maxRetries} (its
   * user gets an apology).
   *
   * @param maxRetries retries after the first attempt
   * @param retryDelay the wait before the first retry, doubling with each
   * @param maxRetryDelay the longest wait between two attempts
   */
  public record Intake(
      @DefaultValue("10") @PositiveOrZero int maxRetries,
      @DefaultValue("100ms") @NotNull Duration retryDelay,
      @DefaultValue("5s") @NotNull Duration maxRetryDelay) {

    /** These settings as the project's retry policy. */
    public BoundedRetry retry() {
      return new BoundedRetry(maxRetries, retryDelay, maxRetryDelay);
    }

    /**
     * Waiting out an outage of Redis or rest-service: the same delays, as many times as it takes
     * (or until the service stops).
     */
    public BoundedRetry outageRetry() {
      return new BoundedRetry(Long.MAX_VALUE, retryDelay, maxRetryDelay);
    }
  }
}
