package org.smartassistant.assistant.secretary;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.smartassistant.assistant.AssistantFlowTest;
import tools.jackson.databind.json.JsonMapper;

/** The cache's copy in memory in front of Redis, against the real Redis of the test assistant. */
class RedisJsonCacheTest extends AssistantFlowTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String id = UUID.randomUUID().toString();
  private final AtomicInteger loads = new AtomicInteger();

  private RedisJsonCache<String> cache(Duration localTtl) {
    return new RedisJsonCache<>(
        "test-" + UUID.randomUUID(),
        JSON.getTypeFactory().constructType(String.class),
        redis,
        JSON,
        new CacheProperties(
            Duration.ofMinutes(10),
            Duration.ofMillis(500),
            new CacheProperties.Local(localTtl, 100)),
        new SimpleMeterRegistry());
  }

  private Supplier<String> loader(String value) {
    return () -> {
      loads.incrementAndGet();
      return value;
    };
  }

  /**
   * Drops the entry from Redis behind the cache's back, then looks it up with a loader of "Beta".
   */
  private String lookUpAgainAfterRedisLostIt(RedisJsonCache<String> cache) {
    redis.delete(cache.key(id));
    return cache.get(id, loader("Beta"));
  }

  @Test
  void aValueReadOnceIsServedFromMemoryWithoutRedis() {
    RedisJsonCache<String> cache = cache(Duration.ofMinutes(1));
    assertThat(cache.get(id, loader("Alpha"))).isEqualTo("Alpha");
    assertThat(redis.hasKey(cache.key(id))).isTrue();

    assertThat(lookUpAgainAfterRedisLostIt(cache)).isEqualTo("Alpha");
    assertThat(loads).hasValue(1);
  }

  @Test
  void aValueWrittenByAnotherInstanceIsKeptInMemoryOnceRead() {
    RedisJsonCache<String> cache = cache(Duration.ofMinutes(1));
    redis.opsForValue().set(cache.key(id), "\"Alpha\"");
    assertThat(cache.peek(id)).isEqualTo("Alpha");

    redis.opsForValue().set(cache.key(id), "\"Beta\"");

    assertThat(cache.peek(id)).isEqualTo("Alpha");
  }

  @Test
  void withTheNearCacheOffEveryLookupAsksRedis() {
    RedisJsonCache<String> cache = cache(Duration.ZERO);
    cache.get(id, loader("Alpha"));

    assertThat(lookUpAgainAfterRedisLostIt(cache)).isEqualTo("Beta");
    assertThat(loads).hasValue(2);
  }

  @Test
  void anEvictionDropsTheCopyInMemoryAsWellAsInRedis() {
    RedisJsonCache<String> cache = cache(Duration.ofMinutes(1));
    cache.get(id, loader("Alpha"));

    cache.evict(id);

    assertThat(redis.hasKey(cache.key(id))).isFalse();
    assertThat(cache.get(id, loader("Beta"))).isEqualTo("Beta");
    assertThat(loads).hasValue(2);
  }

  @Test
  void anEventNamingANumericIdByItsTextDropsTheEntryLookedUpByNumber() {
    RedisJsonCache<String> cache = cache(Duration.ofMinutes(1));
    cache.get(42L, loader("Alpha"));

    cache.evict("42");

    assertThat(cache.get(42L, loader("Beta"))).isEqualTo("Beta");
  }

  @Test
  void clearingDropsEveryCopyInMemoryAsWellAsInRedis() {
    RedisJsonCache<String> cache = cache(Duration.ofMinutes(1));
    cache.get(id, loader("Alpha"));
    cache.get("other", loader("Other"));

    cache.clear();

    assertThat(redis.hasKey(cache.key(id))).isFalse();
    assertThat(cache.get(id, loader("Beta"))).isEqualTo("Beta");
    assertThat(cache.get("other", loader("Other again"))).isEqualTo("Other again");
  }

  @Test
  void aValueLoadedWhileTheEntryWasDroppedIsKeptNeitherInMemoryNorInRedis() {
    RedisJsonCache<String> cache = cache(Duration.ofMinutes(1));
    // the change event arrives while the old value is on its way from the source
    Supplier<String> racing =
        () -> {
          loads.incrementAndGet();
          cache.evict(id);
          return "Stale";
        };

    assertThat(cache.get(id, racing)).isEqualTo("Stale");

    assertThat(redis.hasKey(cache.key(id))).isFalse();
    assertThat(cache.get(id, loader("Fresh"))).isEqualTo("Fresh");
    assertThat(loads).hasValue(2);
    assertThat(cache.get(id, loader("Later"))).isEqualTo("Fresh");
  }
}
