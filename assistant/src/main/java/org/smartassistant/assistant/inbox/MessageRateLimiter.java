package org.smartassistant.assistant.inbox;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
   * Returns the 1-based place of the envelope in its window; only the first (limit + 1) are kept.
   */
  private static final RedisScript<Long> PLACE =
      RedisScript.of(
          """
          local rank = redis.call('ZRANK', KEYS[1], ARGV[1])
          if rank then return rank + 1 end
          local count = redis.call('ZCARD', KEYS[1])
          if count <= tonumber(ARGV[2]) then
            redis.call('ZADD', KEYS[1], count, ARGV[1])
            redis.call('EXPIRE', KEYS[1], ARGV[3])
          end
          return count + 1
          """,
          Long.class);

  private static final Duration KEPT = Duration.ofMinutes(2);
  private static final Logger log = LoggerFactory.getLogger(MessageRateLimiter.class);

  private final StringRedisTemplate redis;
  private final LimitProperties properties;
  private final TurnLimits limits;
  private final Outbox outbox;
  private final Clock clock;

  MessageRateLimiter(
      StringRedisTemplate redis,
      LimitProperties properties,
      TurnLimits limits,
      Outbox outbox,
      Clock clock) {
    this.redis = redis;
    this.properties = properties;
    this.limits = limits;
    this.outbox = outbox;
    this.clock = clock;
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
    Long place =
        redis.execute(
            PLACE,
            List.of(key),
            envelope.id().toString(),
            Integer.toString(limit),
            Long.toString(KEPT.toSeconds()));
    if (place == null || place <= limit) {
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
