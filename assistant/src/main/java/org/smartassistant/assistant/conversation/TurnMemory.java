package org.smartassistant.assistant.conversation;

import java.util.UUID;
import java.util.function.Supplier;
import org.smartassistant.common.stream.HandlingAttempt;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What was already done for an inbox envelope ({@code assistant:turn:<envelopeId>:<step>}), so that
 * an envelope handled again (the instance died before acknowledging it, or a later step failed) is
 * answered with the same text and its turn stored once, without asking the model again.
 *
 * <p>A turn of the envelope being handled for the first time ({@link HandlingAttempt}) has done
 * nothing before, so nothing is looked up for it: its steps are only remembered.
 */
@Component
public class TurnMemory {

  private final StringRedisTemplate redis;
  private final ConversationProperties properties;

  TurnMemory(StringRedisTemplate redis, ConversationProperties properties) {
    this.redis = redis;
    this.properties = properties;
  }

  static String key(UUID envelopeId, String step) {
    return "assistant:turn:" + envelopeId + ":" + step;
  }

  /** The answer given to the envelope before, or else the computed one (then remembered). */
  public String answer(UUID envelopeId, Supplier<String> compute) {
    String key = key(envelopeId, "answer");
    String earlier = HandlingAttempt.isFirst(envelopeId) ? null : redis.opsForValue().get(key);
    if (earlier != null) {
      return earlier;
    }
    String answer = compute.get();
    redis.opsForValue().set(key, answer, properties.turnMemoryTtl());
    return answer;
  }

  /** Runs the step unless it completed for this envelope before. */
  public void once(UUID envelopeId, String step, Runnable action) {
    String key = key(envelopeId, step);
    if (!HandlingAttempt.isFirst(envelopeId) && Boolean.TRUE.equals(redis.hasKey(key))) {
      return;
    }
    action.run();
    redis.opsForValue().set(key, "done", properties.turnMemoryTtl());
  }
}
