package org.smartassistant.assistant.conversation;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.stream.KeptValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A user's conversation: the window in Redis ({@code assistant:conversation:<userId>}, one JSON
 * document) for speed, every message also stored in rest-service as the durable copy, and the
 * window reloaded from there when Redis lost it. A user's envelopes are handled one at a time, so
 * the read-modify-write of the document needs no lock. The running summary is stored in
 * rest-service as a {@code system} message.
 */
@Component
public class ConversationStore {

  static final String KEY_PREFIX = "assistant:conversation:";

  /** Sets two keys in one atomic step. KEYS: both. ARGV: value, TTL ms, for each in turn. */
  private static final RedisScript<Long> SET_BOTH =
      RedisScript.of(
          """
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
          return 1
          """,
          Long.class);

  private static final Logger log = LoggerFactory.getLogger(ConversationStore.class);

  private final StringRedisTemplate redis;
  private final RestServiceClient rest;
  private final JsonMapper json;
  private final ConversationProperties properties;
  private final SecretaryResolver resolver;
  private final HistoryBatches history;

  ConversationStore(
      StringRedisTemplate redis,
      RestServiceClient rest,
      JsonMapper json,
      ConversationProperties properties,
      SecretaryResolver resolver,
      HistoryBatches history) {
    this.redis = redis;
    this.rest = rest;
    this.json = json;
    this.properties = properties;
    this.resolver = resolver;
    this.history = history;
  }

  static String key(long userId) {
    return KEY_PREFIX + userId;
  }

  /** The conversation, from Redis or, when Redis does not have it, from rest-service. */
  public Conversation load(long userId, int window) {
    String stored = redis.opsForValue().get(key(userId));
    if (stored != null) {
      try {
        return json.readValue(stored, Conversation.class);
      } catch (JacksonException e) {
        log.warn(
            "unreadable conversation window of user {}, reloading it: {}", userId, e.getMessage());
      }
    }
    Conversation reloaded = reload(userId, window);
    save(userId, reloaded);
    return reloaded;
  }

  /**
   * Appends messages to the durable copy and to the window. {@code current} is what {@link #load}
   * returned while handling the same envelope.
   */
  public Conversation append(
      long userId, UUID assistantId, Conversation current, List<HistoryMessage> messages) {
    return append(userId, assistantId, current, messages, null, List.of(), null);
  }

  /**
   * As {@link #append(long, UUID, Conversation, List)}, in one request (with a key, together with
   * other turns' when several finish at once: {@link HistoryBatches}); each message is stored under
   * the idempotency key {@code <keyPrefix>:history:<position>:<role>}, so appending the same turn
   * again (a redelivered envelope, a retried request) stores nothing twice. A null prefix sends no
   * keys. {@code usage} is what the turn cost, added by rest-service in the same request (and not
   * again when the request is replayed). {@code kept} (or null) is set in the same write as the
   * window.
   */
  public Conversation append(
      long userId,
      UUID assistantId,
      Conversation current,
      List<HistoryMessage> messages,
      String keyPrefix,
      List<RecordUsageRequest> usage,
      KeptValue kept) {
    List<AppendMessageRequest> requests =
        messages.stream()
            .map(m -> new AppendMessageRequest(assistantId, m.role(), m.content()))
            .toList();
    if (!requests.isEmpty()) {
      AppendMessagesRequest request =
          new AppendMessagesRequest(requests, usage.isEmpty() ? null : usage);
      if (keyPrefix == null) {
        rest.appendMessages(userId, null, request);
      } else {
        // keyed, so a turn sent in a batch and again on its own is stored once
        history.store(userId, keyPrefix + ":history", request);
      }
    }
    Conversation next = current.plus(messages);
    save(userId, next, kept);
    return next;
  }

  /**
   * Keeps a new summary durably, with what writing it cost ({@code usage}) in the same request; the
   * window is replaced by {@link #save} after it.
   */
  public void keepSummary(
      long userId, UUID assistantId, String summary, List<RecordUsageRequest> usage) {
    rest.appendMessages(
        userId,
        null,
        new AppendMessagesRequest(
            List.of(new AppendMessageRequest(assistantId, MessageRole.SYSTEM, summary)),
            usage.isEmpty() ? null : usage));
  }

  /** Keeps the window as it is (e.g. trimmed); the durable copy is not touched. */
  public void save(long userId, Conversation conversation) {
    save(userId, conversation, null);
  }

  /** As {@link #save(long, Conversation)}, with {@code kept} (or null) set in the same step. */
  private void save(long userId, Conversation conversation, KeptValue kept) {
    String window = json.writeValueAsString(conversation);
    if (kept == null) {
      redis.opsForValue().set(key(userId), window, properties.windowTtl());
      return;
    }
    redis.execute(
        SET_BOTH,
        List.of(key(userId), kept.key()),
        window,
        Long.toString(properties.windowTtl().toMillis()),
        kept.value(),
        kept.ttlMillis());
  }

  /** Forgets the conversation, in Redis and in rest-service. */
  public void reset(long userId) {
    redis.delete(key(userId));
    try {
      rest.resetMessages(userId);
    } catch (HttpClientErrorException.NotFound e) {
      // an unknown user has no history to forget
    }
  }

  /**
   * The last {@code window} user and assistant messages and the latest summary. A summary covers
   * messages older than the window it was made from, so the two may overlap by a few messages;
   * repeating a little is better than forgetting.
   */
  private Conversation reload(long userId, int window) {
    // read with the user when the turn began (a user not cached), else asked for now
    ConversationWindowDto stored = resolver.windowReadWithUser(userId, window);
    if (stored == null) {
      try {
        stored = rest.conversationWindow(userId, window);
      } catch (HttpClientErrorException.NotFound e) {
        return Conversation.EMPTY;
      }
    }
    List<HistoryMessage> messages =
        stored.messages().stream()
            .filter(m -> m.role() == MessageRole.USER || m.role() == MessageRole.ASSISTANT)
            .map(m -> new HistoryMessage(m.role(), m.content()))
            .toList();
    String summary = stored.summary();
    return new Conversation(summary, messages);
  }
}
