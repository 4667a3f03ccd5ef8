package org.smartassistant.assistant.conversation;

import java.util.UUID;
import java.util.function.Supplier;
import org.smartassistant.common.stream.HandlingAttempt;
import org.smartassistant.common.stream.KeptValue;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What was already done for an inbox envelope ({@code assistant:turn:<envelopeId>:<step>}), so that
 * an envelope handled again (the instance died before acknowledging it, or a later step failed) is
 * answered with the same text and its turn stored once, without asking the model again.
 *
 * <p>A turn of the envelope being handled for the first time ({@link HandlingAttempt}) has done
 * nothing before, so nothing is looked up for it: its steps are only remembered. A step is
 * remembered in the same atomic write as what it did ({@link KeptValue}) where it can be: the reply
 * to a user's message with its outbox entry, the stored mark with the conversation window.
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
    String earlier = earlierAnswer(envelopeId);
    if (earlier != null) {
      return earlier;
    }
    String answer = compute.get();
    KeptValue kept = keptAnswer(envelopeId, answer);
    redis.opsForValue().set(kept.key(), kept.value(), kept.ttl());
    return answer;
  }

  /**
   * The answer remembered for the envelope by an earlier attempt, or null; nothing is looked up on
   * a first attempt.
   */
  public String earlierAnswer(UUID envelopeId) {
    return HandlingAttempt.isFirst(envelopeId)
        ? null
        : redis.opsForValue().get(key(envelopeId, "answer"));
  }

  /**
   * The answer to remember for the envelope, for the caller to set together with the entry that
   * publishes it ({@link org.smartassistant.common.stream.EnvelopePublisher#publish(
   * org.smartassistant.common.stream.Envelope, String, KeptValue)}): one round trip, and an answer
   * is remembered exactly when it went out.
   */
  public KeptValue keptAnswer(UUID envelopeId, String answer) {
    return new KeptValue(key(envelopeId, "answer"), answer, properties.turnMemoryTtl());
  }

  /** Whether the step completed for the envelope before; never looked up on a first attempt. */
  public boolean done(UUID envelopeId, String step) {
    return !HandlingAttempt.isFirst(envelopeId)
        && Boolean.TRUE.equals(redis.hasKey(key(envelopeId, step)));
  }

  /** The mark that the step completed, for the caller to set together with the step's own write. */
  public KeptValue doneMark(UUID envelopeId, String step) {
    return new KeptValue(key(envelopeId, step), "done", properties.turnMemoryTtl());
  }
}
