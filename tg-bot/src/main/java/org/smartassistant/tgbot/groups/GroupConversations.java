package org.smartassistant.tgbot.groups;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.chat.Chat;

/**
 * The owners of group conversations. A group's conversation belongs to the group, not to the member
 * who speaks: the group is registered in rest-service as a user of its own under its (negative)
 * chat id, so its history, secretary, budget and rate are apart from every member's private ones.
 * Known groups are kept in memory for a few minutes.
 */
@Component
public class GroupConversations {

  private static final Logger log = LoggerFactory.getLogger(GroupConversations.class);
  private static final Duration KEEP = Duration.ofMinutes(5);
  private static final int MAX_ENTRIES = 10_000;

  private final RestServiceClient rest;
  private final Map<Long, Cached> cache = new ConcurrentHashMap<>();

  GroupConversations(RestServiceClient rest) {
    this.rest = rest;
  }

  /**
   * The rest-service user that owns the group's conversation, registered on first contact.
   *
   * @throws org.springframework.web.client.RestClientException when rest-service cannot be asked
   */
  public UserDto ownerOf(Chat chat) {
    Cached cached = cache.get(chat.getId());
    if (cached != null && System.nanoTime() - cached.expiresAt < 0) {
      return cached.owner;
    }
    UserDto owner;
    try {
      owner = rest.userByTelegramId(chat.getId());
    } catch (HttpClientErrorException.NotFound unknown) {
      owner = register(chat);
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(chat.getId(), new Cached(owner, System.nanoTime() + KEEP.toNanos()));
    return owner;
  }

  /** Whether the operator blocked the group (its owner) in rest-service. */
  public static boolean blocked(UserDto owner) {
    return owner.status() == UserStatus.BLOCKED;
  }

  /**
   * Whether the member who speaks is a user the operator blocked. A member the bot does not know
   * may speak in an allowed group (and is not registered by it).
   */
  public boolean memberBlocked(User member) {
    try {
      return rest.userByTelegramId(member.getId()).status() == UserStatus.BLOCKED;
    } catch (HttpClientErrorException.NotFound unknown) {
      return false;
    }
  }

  private UserDto register(Chat chat) {
    String title = chat.getTitle() == null ? "Group " + chat.getId() : chat.getTitle();
    CreateUserRequest request =
        new CreateUserRequest(
            chat.getId(),
            null,
            title.length() <= 128 ? title : title.substring(0, 128),
            null,
            null,
            null);
    try {
      UserDto created = rest.createUser(request);
      log.info("registered group chat {} as user {}", chat.getId(), created.id());
      return created;
    } catch (HttpClientErrorException.Conflict registeredMeanwhile) {
      return rest.userByTelegramId(chat.getId());
    }
  }

  private record Cached(UserDto owner, long expiresAt) {}
}
