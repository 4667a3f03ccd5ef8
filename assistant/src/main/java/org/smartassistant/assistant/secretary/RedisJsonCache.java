package org.smartassistant.assistant.secretary;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * One named cache of JSON values in Redis under {@code assistant:cache:<name>:<key>}, shared by all
 * instances, with hit and miss counters ({@code assistant.cache.lookups}). Redis trouble never
 * fails a lookup: the value is then loaded from its source.
 */
final class RedisJsonCache<T> {

  static final String PREFIX = "assistant:cache:";

  private static final Logger log = LoggerFactory.getLogger(RedisJsonCache.class);

  private final String name;
  private final JavaType type;
  private final StringRedisTemplate redis;
  private final JsonMapper json;
  private final Duration ttl;
  private final Counter hits;
  private final Counter misses;

  RedisJsonCache(
      String name,
      JavaType type,
      StringRedisTemplate redis,
      JsonMapper json,
      Duration ttl,
      MeterRegistry meters) {
    this.name = name;
    this.type = type;
    this.redis = redis;
    this.json = json;
    this.ttl = ttl;
    this.hits = counter(meters, name, "hit");
    this.misses = counter(meters, name, "miss");
  }

  private static Counter counter(MeterRegistry meters, String cache, String result) {
    return Counter.builder("assistant.cache.lookups")
        .description("Lookups of the assistant's Redis cache")
        .tag("cache", cache)
        .tag("result", result)
        .register(meters);
  }

  String key(Object id) {
    return PREFIX + name + ":" + id;
  }

  /** The cached value, or the loaded one (then cached); the loader's exceptions pass through. */
  T get(Object id, Supplier<T> loader) {
    T cached = peek(id);
    if (cached != null) {
      return cached;
    }
    T value = loader.get();
    put(id, value);
    return value;
  }

  /** The cached value, or null when there is none (counted as a hit or a miss). */
  T peek(Object id) {
    String key = key(id);
    String cached = read(key);
    if (cached != null) {
      try {
        T value = json.readValue(cached, type);
        hits.increment();
        return value;
      } catch (JacksonException e) {
        // an entry written by an older version: load it afresh
        log.debug("unreadable cache entry {}: {}", key, e.getMessage());
      }
    }
    misses.increment();
    return null;
  }

  /** Caches the value (best effort). */
  void put(Object id, T value) {
    write(key(id), value);
  }

  void evict(Object id) {
    try {
      redis.delete(key(id));
    } catch (RuntimeException e) {
      log.warn("could not evict {}: {}", key(id), e.getMessage());
    }
  }

  /** Removes every entry of this cache. */
  void clear() {
    List<String> keys = new ArrayList<>();
    try (Cursor<String> cursor =
        redis.scan(ScanOptions.scanOptions().match(PREFIX + name + ":*").count(500).build())) {
      cursor.forEachRemaining(keys::add);
    }
    if (!keys.isEmpty()) {
      redis.delete(keys);
    }
  }

  private String read(String key) {
    try {
      return redis.opsForValue().get(key);
    } catch (RuntimeException e) {
      log.warn("cache {} unreadable, loading from the source: {}", name, e.getMessage());
      return null;
    }
  }

  private void write(String key, T value) {
    try {
      redis.opsForValue().set(key, json.writeValueAsString(value), ttl);
    } catch (RuntimeException e) {
      log.warn("could not cache {}: {}", key, e.getMessage());
    }
  }
}
