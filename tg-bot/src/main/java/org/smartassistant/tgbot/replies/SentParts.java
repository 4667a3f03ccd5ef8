package org.smartassistant.tgbot.replies;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Which parts of a reply Telegram has already accepted, kept in Redis per envelope id. A reply that
 * is delivered again (a later part failed, or the instance died before acknowledging) continues
 * with the first part not yet sent, so no part reaches the user twice.
 */
class SentParts {

  private static final String KEY_PREFIX = "tg-bot:sent:";

  private final StringRedisTemplate redis;
  private final Duration keep;

  SentParts(StringRedisTemplate redis, Duration keep) {
    this.redis = redis;
    this.keep = keep;
  }

  /** For each of the {@code count} parts, whether it was sent already. */
  boolean[] sent(UUID envelopeId, int count) {
    List<String> keys = new ArrayList<>(count);
    for (int part = 0; part < count; part++) {
      keys.add(key(envelopeId, part));
    }
    List<String> values = redis.opsForValue().multiGet(keys);
    boolean[] sent = new boolean[count];
    for (int part = 0; values != null && part < count; part++) {
      sent[part] = values.get(part) != null;
    }
    return sent;
  }

  /** Records that Telegram accepted the part. */
  void record(UUID envelopeId, int part) {
    redis.opsForValue().set(key(envelopeId, part), "1", keep);
  }

  private static String key(UUID envelopeId, int part) {
    return KEY_PREFIX + envelopeId + ":" + part;
  }
}
