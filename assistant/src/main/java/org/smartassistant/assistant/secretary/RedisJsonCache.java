package org.smartassistant.assistant.secretary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>In front of Redis, each instance keeps the values it read in memory (a near cache, Caffeine,
 * bounded in size and time: {@link CacheProperties#local()}), so that a turn costs no Redis round
 * trip and no JSON parsing for what it looked up before. Whatever drops an entry from Redis drops
 * it from memory first ({@link #evict}, {@link #clear}); every instance hears every change event,
 * so each drops its own copy. A value read or loaded while an entry was being dropped is kept
 * neither in memory nor (when loaded) in Redis: a count of drops tells, so a drop cannot be
 * overtaken by the read it raced with.
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

  /**
   * Keyed by the id's text, as in Redis: a change event names the user 42 as "42", a turn as 42L.
   */
  private final Cache<String, T> local;

  /** Counts the drops, so that a value read before a drop is not kept in memory after it. */
  private final AtomicLong drops = new AtomicLong();

  RedisJsonCache(
      String name,
      JavaType type,
      StringRedisTemplate redis,
      JsonMapper json,
      CacheProperties properties,
      MeterRegistry meters) {
    this.name = name;
    this.type = type;
    this.redis = redis;
    this.json = json;
    this.ttl = properties.ttl();
    this.hits = counter(meters, name, "hit");
    this.misses = counter(meters, name, "miss");
    CacheProperties.Local near = properties.local();
    this.local =
        near.enabled()
            ? Caffeine.newBuilder()
                .maximumSize(near.maxEntries())
                .expireAfterWrite(near.ttl())
                .build()
            : null;
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
    return get(id, loader, stamp());
  }

  /**
   * As {@link #get(Object, Supplier)} for a loader that returns a value read earlier, at {@code
   * stamp} ({@link #stamp()} taken before that read): the value is kept only when nothing was
   * dropped since.
   */
  T get(Object id, Supplier<T> loader, long stamp) {
    T cached = peek(id);
    if (cached != null) {
      return cached;
    }
    T value = loader.get();
    store(id, value, stamp);
    return value;
  }

  /** Where the drops stand: taken before a value is read from its source. */
  long stamp() {
    return drops.get();
  }

  /** The cached value, or null when there is none (counted as a hit or a miss). */
  T peek(Object id) {
    if (local != null) {
      T near = local.getIfPresent(id.toString());
      if (near != null) {
        hits.increment();
        return near;
      }
    }
    long dropsBefore = drops.get();
    T value = peekRedis(id);
    if (value != null) {
      keep(id, value, dropsBefore);
    }
    return value;
  }

  private T peekRedis(Object id) {
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
    store(id, value, drops.get());
  }

  /**
   * Caches a value loaded from its source, in Redis and in memory, unless an entry was dropped
   * while it was loaded: it may then be what the drop was about, and is taken back.
   */
  private void store(Object id, T value, long dropsBefore) {
    write(key(id), value);
    keep(id, value, dropsBefore);
    if (drops.get() != dropsBefore) {
      delete(key(id));
    }
  }

  /** Keeps a value read from Redis in memory, unless an entry was dropped since it was read. */
  private void keep(Object id, T value, long dropsBefore) {
    if (local != null && value != null) {
      local.put(id.toString(), value);
      if (drops.get() != dropsBefore) {
        local.invalidate(id.toString());
      }
    }
  }

  /** Drops the entry, from memory first, then from Redis. */
  void evict(Object id) {
    drops.incrementAndGet();
    if (local != null) {
      local.invalidate(id.toString());
    }
    delete(key(id));
  }

  private void delete(String key) {
    try {
      redis.delete(key);
    } catch (RuntimeException e) {
      log.warn("could not evict {}: {}", key, e.getMessage());
    }
  }

  /** Removes every entry of this cache, from memory first, then from Redis. */
  void clear() {
    drops.incrementAndGet();
    if (local != null) {
      local.invalidateAll();
    }
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
