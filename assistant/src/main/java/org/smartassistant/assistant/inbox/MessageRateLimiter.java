package org.smartassistant.assistant.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.conversation.ConversationStore;
import org.smartassistant.assistant.llm.LimitProperties;
import org.smartassistant.assistant.llm.TurnLimits;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Messages per user and minute ({@code smart.limits.messages-per-minute}), shared by all instances:
 * a fixed window per user and minute in Redis ({@code assistant:rate:<userId>:<minute>}, a sorted
 * set of the envelope ids in arrival order, so a redelivered message keeps its place). A message
 * beyond the limit is not answered; the first one of the minute gets one reply asking the user to
 * slow down ({@code …:told}), the others nothing.
 */
@Component
class MessageRateLimiter {

  static final String SLOW_DOWN =
      "You are sending messages faster than I can take them, so I skipped some. Please wait a"
          + " moment, then send again what still needs an answer.";

  /**
   * Returns {the 1-based place of the envelope in its window, the value of KEYS[2] or nil}; only
   * the first (limit + 1) envelopes are kept. KEYS[2], when given, is read in the same step: the
   * conversation window, read ahead of the turn ({@link ConversationStore#readingAhead}).
   */
  @SuppressWarnings("rawtypes")
  private static final RedisScript<List> PLACE =
      RedisScript.of(
          """
          local ahead = false
          if #KEYS == 2 then ahead = redis.call('GET', KEYS[2]) end
          local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
          if rank then return {rank + 1, ahead} end
          local count = redis.call('ZCARD', KEYS[1])
          if count <= tonumber(ARGV[2]) then
            redis.call('ZADD', KEYS[1], count, ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
          end
          return {count + 1, ahead}
          """,
          List.class);

  private static final Duration KEPT = Duration.ofMinutes(2);
  private static final Logger log = LoggerFactory.getLogger(MessageRateLimiter.class);

  private final StringRedisTemplate redis;
  private final LimitProperties properties;
  private final TurnLimits limits;
  private final Outbox outbox;
  private final Clock clock;
  private final ConversationStore conversations;

  MessageRateLimiter(
      StringRedisTemplate redis,
      LimitProperties properties,
      TurnLimits limits,
      Outbox outbox,
      Clock clock,
      ConversationStore conversations) {
    this.redis = redis;
    this.properties = properties;
    this.limits = limits;
    this.outbox = outbox;
    this.clock = clock;
    this.conversations = conversations;
  }

  /**
   * Whether the user message may be answered; when not, the user is told to slow down once per
   * minute.
   *
   * @param user the sender, or null when rest-service does not know them
   */
  boolean admit(Envelope envelope, UserDto user) {
    long minute = clock.millis() / 60_000;
    String key = "assistant:rate:" + envelope.userId() + ":" + minute;
    int limit = properties.messagesPerMinute();
    // the turn's window, read in the same round trip when the turn will want it
    String window = conversations.windowKeyToReadAhead(envelope.userId());
    List<?> answer =
        redis.execute(
            PLACE,
            window == null ? List.of(key) : List.of(key, window),
            envelope.id().toString(),
            Integer.toString(limit),
            Long.toString(KEPT.toSeconds()));
    if (answer == null || answer.isEmpty()) {
      throw new IllegalStateException("unexpected reply of the rate limit script: " + answer);
    }
    if (window != null) {
      conversations.readAhead(envelope.userId(), answer.size() > 1 ? (String) answer.get(1) : null);
    }
    long place = ((Number) answer.get(0)).longValue();
    if (place <= limit) {
      return true;
    }
    Boolean first = redis.opsForValue().setIfAbsent(key + ":told", "1", KEPT);
    log.info(
        "message {} of user {} is over the limit of {} per minute{}",
        envelope.id(),
        envelope.userId(),
        limit,
        Boolean.TRUE.equals(first) ? "; told to slow down" : "; not answered");
    if (Boolean.TRUE.equals(first)) {
      limits.reached("messages_per_minute");
      outbox.reply(envelope, Outbox.chatOf(envelope, user), SLOW_DOWN);
    }
    return false;
  }
}
