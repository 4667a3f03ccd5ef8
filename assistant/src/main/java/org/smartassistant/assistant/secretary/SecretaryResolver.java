package org.smartassistant.assistant.secretary;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.TurnContextDto;
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
 *
 * <p>While a user's message is handled ({@link #handlingMessage}), a lookup of that user that
 * misses the cache reads, in the same request, everything the turn reads before it asks the model
 * ({@code GET /api/users/{id}/turn-context}): the user, the secretary, the conversation window and
 * the facts relevant to the message. The turn then takes the secretary, the window and the facts
 * from that answer instead of asking for each.
 */
@Component
public class SecretaryResolver implements ChangeListener {

  /** Facts shown in one prompt at most. */
  public static final int FACTS_SHOWN = 10;

  private static final String SETTINGS_KEY = "global";

  /** The user message this thread is handling, and what its turn read with the user. */
  private final ThreadLocal<MessageTurn> handling = new ThreadLocal<>();

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
   * Runs the handling of a message of the user on this thread. A lookup of the user that misses the
   * cache meanwhile reads the turn's context with it: the last {@code window} messages and the
   * facts relevant to {@code text}.
   */
  public void handlingMessage(long userId, String text, IntSupplier window, Runnable handler) {
    handling.set(new MessageTurn(userId, text, window));
    try {
      handler.run();
    } finally {
      handling.remove();
    }
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
            // the context is read here, under this lookup's drop count, or not at all: a user
            // from a context read earlier may be what a drop since was about
            MessageTurn turn = turnOf(userId);
            return turn == null || turn.context != null ? rest.user(userId) : turn.read().user();
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
    MessageTurn turn = turnOf(userId);
    TurnContextDto read = turn == null ? null : turn.context;
    return secretaries
        .get(
            userId,
            () -> {
              if (read != null) {
                if (read.secretary() == null) {
                  throw new NoSecretaryException(userId);
                }
                return read.secretary();
              }
              try {
                return rest.userSecretary(userId);
              } catch (HttpClientErrorException.NotFound e) {
                throw new NoSecretaryException(userId);
              }
            },
            read != null ? turn.secretaryStamp : secretaries.stamp())
        .assistant();
  }

  /**
   * The conversation window read with the user for the message this thread handles, when it was
   * read with {@code size} messages; null otherwise.
   */
  public ConversationWindowDto windowReadWithUser(long userId, int size) {
    MessageTurn turn = turnOf(userId);
    return turn != null && turn.context != null && turn.windowSize == size
        ? turn.context.window()
        : null;
  }

  /**
   * The facts relevant to {@code text} read with the user for the message this thread handles (at
   * most {@link #FACTS_SHOWN}); null when none were read for that text.
   */
  public List<MemoryDto> factsReadWithUser(long userId, String text) {
    MessageTurn turn = turnOf(userId);
    return turn != null
            && turn.context != null
            && turn.factsAsked
            && Objects.equals(turn.text, text)
        ? turn.context.facts()
        : null;
  }

  private MessageTurn turnOf(long userId) {
    MessageTurn turn = handling.get();
    return turn != null && turn.userId == userId ? turn : null;
  }

  /** A user message being handled, and its turn's context once read. */
  private final class MessageTurn {

    private final long userId;
    private final String text;
    private final IntSupplier window;
    private TurnContextDto context;
    private int windowSize;
    private boolean factsAsked;
    private long secretaryStamp;

    private MessageTurn(long userId, String text, IntSupplier window) {
      this.userId = userId;
      this.text = text;
      this.window = window;
    }

    /** The turn's context, read once; 404 (NotFound) when the user is unknown. */
    private TurnContextDto read() {
      if (context == null) {
        int size = window.getAsInt();
        // a text too long to search facts with: the turn asks for them on its own, as before
        boolean facts =
            mayHaveFacts(userId)
                && (text == null || text.length() <= TurnContextDto.MAX_QUERY_LENGTH);
        // before the read: a change of the secretary announced meanwhile is not overtaken
        long stamp = secretaries.stamp();
        context = rest.turnContext(userId, size, facts ? text : null, facts ? FACTS_SHOWN : 0);
        windowSize = size;
        factsAsked = facts;
        secretaryStamp = stamp;
      }
      return context;
    }
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
