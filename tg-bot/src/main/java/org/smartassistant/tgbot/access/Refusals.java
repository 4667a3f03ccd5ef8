package org.smartassistant.tgbot.access;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers in Redis whom the bot has refused, so that each refused user is told once and never
 * again, by any instance, also after a restart.
 */
@Component
public class Refusals {

  private static final String KEY_PREFIX = "tg-bot:refused:";

  private final StringRedisTemplate redis;

  Refusals(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /**
   * Records a refusal of the user for the reason; true only the first time, when the user is to be
   * told.
   */
  public boolean firstRefusal(long telegramUserId, Reason reason) {
    Boolean added =
        redis.opsForValue().setIfAbsent(KEY_PREFIX + reason.key + ":" + telegramUserId, "1");
    return Boolean.TRUE.equals(added);
  }

  /** Why a user is refused. */
  public enum Reason {
    /** Not on the allowlist. */
    NOT_ALLOWED("not-allowed"),
    /** The operator marked the user blocked in rest-service. */
    BLOCKED_BY_OPERATOR("blocked");

    private final String key;

    Reason(String key) {
      this.key = key;
    }
  }
}
