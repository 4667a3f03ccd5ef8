package org.smartassistant.tgbot.users;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * Identifies Telegram users as rest-service users: looks them up by Telegram id and registers them
 * when they are new (with their username, first name and language; zone and language default to
 * rest-service's settings). Known users are kept in memory for a few minutes, so a text costs no
 * rest-service call.
 */
@Component
public class TelegramUsers {

  private static final Logger log = LoggerFactory.getLogger(TelegramUsers.class);
  private static final Duration KEEP = Duration.ofMinutes(5);
  private static final int MAX_ENTRIES = 50_000;
  private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})?");

  private final RestServiceClient rest;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  TelegramUsers(RestServiceClient rest) {
    this.rest = rest;
  }

  /**
   * The rest-service user of this Telegram user, registered first if unknown.
   *
   * @throws org.springframework.web.client.RestClientException when rest-service cannot be asked
   */
  public KnownUser resolve(User from) {
    Cached cached = cache.get(from.getId());
    if (cached != null && cached.fresh()) {
      return cached.user;
    }
    KnownUser user;
    try {
      user = KnownUser.of(rest.userByTelegramId(from.getId()));
    } catch (HttpClientErrorException.NotFound unknown) {
      user = register(from);
    }
    return remember(user);
  }

  /** Changes the user's time zone in rest-service. */
  public KnownUser changeTimezone(KnownUser user, String zone) {
    return remember(KnownUser.of(rest.updateUser(user.id(), UpdateUserRequest.timezone(zone))));
  }

  /** Sets the user's status in rest-service. */
  public KnownUser changeStatus(long userId, org.smartassistant.common.api.UserStatus status) {
    return remember(KnownUser.of(rest.updateUser(userId, UpdateUserRequest.status(status))));
  }

  private KnownUser register(User from) {
    String language = from.getLanguageCode();
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      language = null;
    }
    CreateUserRequest request =
        new CreateUserRequest(
            from.getId(),
            truncate(from.getUserName(), 64),
            truncate(from.getFirstName(), 128),
            null,
            null,
            language);
    try {
      UserDto created = rest.createUser(request);
      log.info("registered Telegram user {} as user {}", from.getId(), created.id());
      return KnownUser.of(created);
    } catch (HttpClientErrorException.Conflict registeredMeanwhile) {
      return KnownUser.of(rest.userByTelegramId(from.getId()));
    }
  }

  private KnownUser remember(KnownUser user) {
    if (cache.size() >= MAX_ENTRIES) {
      cache.values().removeIf(entry -> !entry.fresh());
      if (cache.size() >= MAX_ENTRIES) {
        cache.clear();
      }
    }
    cache.put(user.telegramId(), new Cached(user, System.nanoTime() + KEEP.toNanos()));
    return user;
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private record Cached(KnownUser user, long expiresAt) {
    boolean fresh() {
      return System.nanoTime() - expiresAt < 0;
    }
  }
}
