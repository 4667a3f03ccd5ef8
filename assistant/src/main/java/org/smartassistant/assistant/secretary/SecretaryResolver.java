package org.smartassistant.assistant.secretary;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who a user is, which secretary answers them and with which tools, and the global settings: read
 * from rest-service through a Redis cache shared by all instances, and dropped from it as soon as
 * rest-service announces a change. It also remembers which users have no facts kept (long-term
 * memory), so that their turns skip the facts request until a fact is kept.
 */
@Component
public class SecretaryResolver implements ChangeListener {

  private static final String SETTINGS_KEY = "global";

  private final RestServiceClient rest;
  private final RedisJsonCache<UserDto> users;
  private final RedisJsonCache<UserSecretaryDto> secretaries;
  private final RedisJsonCache<AssistantDto> assistants;
  private final RedisJsonCache<List<ToolDto>> tools;
  private final RedisJsonCache<SettingsDto> settings;
  private final RedisJsonCache<Boolean> anyFacts;

  SecretaryResolver(
      RestServiceClient rest,
      StringRedisTemplate redis,
      JsonMapper json,
      CacheProperties properties,
      MeterRegistry meters) {
    this.rest = rest;
    var types = json.getTypeFactory();
    this.users =
        new RedisJsonCache<>(
            "user", types.constructType(UserDto.class), redis, json, properties, meters);
    this.secretaries =
        new RedisJsonCache<>(
            "secretary",
            types.constructType(UserSecretaryDto.class),
            redis,
            json,
            properties,
            meters);
    this.assistants =
        new RedisJsonCache<>(
            "assistant", types.constructType(AssistantDto.class), redis, json, properties, meters);
    this.tools =
        new RedisJsonCache<>(
            "tools",
            types.constructCollectionType(List.class, ToolDto.class),
            redis,
            json,
            properties,
            meters);
    this.settings =
        new RedisJsonCache<>(
            "settings", types.constructType(SettingsDto.class), redis, json, properties, meters);
    this.anyFacts =
        new RedisJsonCache<>(
            "facts", types.constructType(Boolean.class), redis, json, properties, meters);
  }

  /**
   * Whether facts may be kept about the user: false only when the last read found none and no fact
   * was kept or forgotten since ({@link #factsRead}, {@code changes:memory}).
   */
  public boolean mayHaveFacts(long userId) {
    return !Boolean.FALSE.equals(anyFacts.peek(userId));
  }

  /** What a read of the user's facts found: whether there were any. */
  public void factsRead(long userId, boolean any) {
    anyFacts.put(userId, any);
  }

  /** A fact of the user was kept or forgotten here: the next turn reads them again. */
  public void factsChanged(long userId) {
    anyFacts.evict(userId);
  }

  /**
   * The user's profile.
   *
   * @throws UserNotRegisteredException when rest-service does not know the user
   */
  public UserDto user(long userId) {
    return users.get(
        userId,
        () -> {
          try {
            return rest.user(userId);
          } catch (HttpClientErrorException.NotFound e) {
            throw new UserNotRegisteredException(userId);
          }
        });
  }

  /**
   * The secretary that answers the user: the one assigned, else the global default.
   *
   * @throws NoSecretaryException when there is none
   */
  public AssistantDto secretaryOf(long userId) {
    return secretaries
        .get(
            userId,
            () -> {
              try {
                return rest.userSecretary(userId);
              } catch (HttpClientErrorException.NotFound e) {
                throw new NoSecretaryException(userId);
              }
            })
        .assistant();
  }

  /**
   * An assistant by id, active or not (a sub-assistant a tool delegates to).
   *
   * @throws HttpClientErrorException.NotFound when rest-service does not know it (not cached)
   */
  public AssistantDto assistant(UUID assistantId) {
    return assistants.get(assistantId, () -> rest.assistant(assistantId));
  }

  /** The active tools linked to an assistant, ordered by name. */
  public List<ToolDto> activeToolsOf(UUID assistantId) {
    return tools.get(assistantId, () -> rest.assistantTools(assistantId)).stream()
        .filter(tool -> Boolean.TRUE.equals(tool.isActive()))
        .toList();
  }

  /** The global settings (history window, default time zone, ...). */
  public SettingsDto settings() {
    return settings.get(SETTINGS_KEY, rest::settings);
  }

  @Override
  public void changed(ChangeEvent event) {
    switch (event.kind()) {
      case USER -> {
        users.evict(event.id());
        anyFacts.evict(event.id());
      }
      case MEMORY -> anyFacts.evict(event.id());
      case SECRETARY -> secretaries.evict(event.id());
      case ASSISTANT -> {
        // every user whose secretary this is holds a copy of it
        secretaries.clear();
        assistants.evict(event.id());
        tools.evict(event.id());
      }
      case ASSISTANT_TOOL -> tools.evict(assistantOfLink(event));
      case TOOL -> tools.clear();
      case SETTINGS -> {
        // the default secretary may have changed for everyone without an assigned one
        settings.evict(SETTINGS_KEY);
        secretaries.clear();
      }
      default -> {
        // reminders are not cached here
      }
    }
  }

  @Override
  public void missedChanges() {
    users.clear();
    secretaries.clear();
    assistants.clear();
    tools.clear();
    settings.clear();
    anyFacts.clear();
  }

  private static String assistantOfLink(ChangeEvent event) {
    String assistantId = event.attr(ChangeEvent.ASSISTANT_ID);
    if (assistantId != null) {
      return assistantId;
    }
    int colon = event.id().indexOf(':');
    return colon < 0 ? event.id() : event.id().substring(0, colon);
  }
}
