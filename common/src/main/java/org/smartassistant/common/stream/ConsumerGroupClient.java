package org.smartassistant.common.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStreamCommands.XClaimOptions;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.Consumer;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis commands of one consumer in one group. Blocking reads use a connection of their own
 * (held by the reader thread), everything else the shared connection of the template.
 */
final class ConsumerGroupClient {

  /** What {@link StreamScripts#BEGIN} decided. */
  enum Admission {
    GO,
    WAIT,
    DUPLICATE
  }

  /** One stream entry as delivered to this consumer. */
  record Entry(String id, Map<String, String> fields, long deliveryCount) {}

  /** One XAUTOCLAIM step: the entries taken over and where the next step starts. */
  record Reclaimed(String nextStart, List<Entry> entries) {}

  private static final int IDS_PER_CLAIM = 500;

  private final StringRedisTemplate redis;
  private final String stream;
  private final String group;
  private final String consumer;
  private final byte[] streamKey;
  private final String deadLetterStream;
  private RedisConnection readConnection;

  ConsumerGroupClient(StringRedisTemplate redis, String stream, String group, String consumer) {
    this.redis = redis;
    this.stream = stream;
    this.group = group;
    this.consumer = consumer;
    this.streamKey = stream.getBytes(StandardCharsets.UTF_8);
    this.deadLetterStream = Streams.dlq(stream);
  }

  /** Creates the group (and the stream) unless it exists; a new group starts at the beginning. */
  void ensureGroup() {
    ensureGroup(ReadOffset.from("0-0"));
  }

  /**
   * Creates the group (and the stream) unless it exists; a new group starts at {@code start}
   * ({@link ReadOffset#latest()}: with the entries added from now on).
   */
  void ensureGroup(ReadOffset start) {
    try {
      redis.execute(
          (RedisCallback<String>)
              connection ->
                  connection.streamCommands().xGroupCreate(streamKey, group, start, true));
    } catch (DataAccessException e) {
      if (!mentions(e, "BUSYGROUP")) {
        throw e;
      }
    }
  }

  /**
   * Reads up to {@code count} new entries, waiting up to {@code block} for the first. Called only
   * by the reader thread.
   */
  List<Entry> readNew(int count, Duration block) {
    if (readConnection == null || readConnection.isClosed()) {
      readConnection = redis.getRequiredConnectionFactory().getConnection();
    }
    @SuppressWarnings("unchecked")
    List<ByteRecord> records =
        readConnection
            .streamCommands()
            .xReadGroup(
                Consumer.from(group, consumer),
                StreamReadOptions.empty().count(count).block(block),
                StreamOffset.create(streamKey, ReadOffset.lastConsumed()));
    if (records == null || records.isEmpty()) {
      return List.of();
    }
    List<Entry> entries = new ArrayList<>(records.size());
    for (ByteRecord record : records) {
      entries.add(new Entry(record.getId().getValue(), fields(record), 1));
    }
    return entries;
  }

  /** The fields of a stream entry as strings (UTF-8). */
  static Map<String, String> fields(ByteRecord record) {
    Map<String, String> fields = new LinkedHashMap<>();
    record
        .getValue()
        .forEach(
            (field, value) ->
                fields.put(
                    new String(field, StandardCharsets.UTF_8),
                    new String(value, StandardCharsets.UTF_8)));
    return fields;
  }

  /** Closes the reader's connection; the next read opens a new one. */
  void closeReader() {
    RedisConnection connection = readConnection;
    readConnection = null;
    if (connection != null) {
      try {
        connection.close();
      } catch (RuntimeException ignored) {
        // a broken connection is being thrown away anyway
      }
    }
  }

  Admission begin(UUID envelopeId, String previousId) {
    String answer =
        redis.execute(
            StreamScripts.BEGIN,
            List.of(StreamKeys.processed(stream, group, envelopeId), stream),
            group,
            previousId == null ? "" : previousId);
    return Admission.valueOf(String.valueOf(answer).toUpperCase(java.util.Locale.ROOT));
  }

  void finish(UUID envelopeId, String recordId, Duration dedupeTtl) {
    redis.execute(
        StreamScripts.FINISH,
        List.of(StreamKeys.processed(stream, group, envelopeId), stream),
        group,
        recordId,
        Long.toString(dedupeTtl.toMillis()));
  }

  void acknowledge(String recordId) {
    redis.opsForStream().acknowledge(stream, group, recordId);
  }

  /**
   * Writes the dead letter and acknowledges the entry in one step.
   *
   * @return false when the entry was no longer pending (someone else finished it): nothing written
   */
  boolean deadLetter(
      String recordId,
      UUID envelopeId,
      Map<String, String> deadLetterFields,
      long deadLetterMaxLength,
      Duration dedupeTtl) {
    List<String> keys =
        envelopeId == null
            ? List.of(stream, deadLetterStream)
            : List.of(stream, deadLetterStream, StreamKeys.processed(stream, group, envelopeId));
    List<String> args = new ArrayList<>();
    args.add(group);
    args.add(recordId);
    args.add(Long.toString(deadLetterMaxLength));
    args.add(Long.toString(dedupeTtl.toMillis()));
    deadLetterFields.forEach(
        (field, value) -> {
          args.add(field);
          args.add(value == null ? "" : value);
        });
    Long acknowledged = redis.execute(StreamScripts.DEAD_LETTER, keys, args.toArray());
    return acknowledged != null && acknowledged > 0;
  }

  /**
   * Claims an own pending entry again for a retry, setting its delivery count, so that the count
   * survives a crash.
   *
   * @return false when the entry is no longer pending
   */
  boolean claimForRetry(String recordId, long deliveryCount) {
    return !claimJustId(
            XClaimOptions.minIdle(Duration.ZERO).ids(recordId).retryCount(deliveryCount))
        .isEmpty();
  }

  /**
   * Resets the idle time of entries in hand (XCLAIM JUSTID, which leaves the delivery count alone),
   * so that no other consumer reclaims them while this one is alive.
   */
  void touch(Collection<String> recordIds) {
    List<String> ids = new ArrayList<>(recordIds);
    for (int from = 0; from < ids.size(); from += IDS_PER_CLAIM) {
      String[] chunk =
          ids.subList(from, Math.min(ids.size(), from + IDS_PER_CLAIM)).toArray(String[]::new);
      claimJustId(XClaimOptions.minIdle(Duration.ZERO).ids(chunk));
    }
  }

  private List<RecordId> claimJustId(XClaimOptions options) {
    List<RecordId> claimed =
        redis.execute(
            (RedisCallback<List<RecordId>>)
                connection ->
                    connection.streamCommands().xClaimJustId(streamKey, group, consumer, options));
    return claimed == null ? List.of() : claimed;
  }

  /** One XAUTOCLAIM step from {@code start}. */
  Reclaimed reclaim(Duration minIdle, String start, int count) {
    @SuppressWarnings("unchecked")
    List<Object> reply =
        redis.execute(
            StreamScripts.RECLAIM,
            List.of(stream),
            group,
            consumer,
            Long.toString(minIdle.toMillis()),
            start,
            Integer.toString(count));
    if (reply == null || reply.isEmpty()) {
      return new Reclaimed("0-0", List.of());
    }
    List<Entry> entries = new ArrayList<>();
    for (Object item : reply.subList(1, reply.size())) {
      List<?> entry = (List<?>) item;
      List<?> flat = (List<?>) entry.get(2);
      Map<String, String> fields = new LinkedHashMap<>();
      for (int i = 0; i + 1 < flat.size(); i += 2) {
        fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
      }
      entries.add(
          new Entry(String.valueOf(entry.get(0)), fields, ((Number) entry.get(1)).longValue()));
    }
    return new Reclaimed(String.valueOf(reply.get(0)), entries);
  }

  /**
   * Removes the group's consumers that have been idle longer than {@code idle} and hold no pending
   * entry: instances that stopped or died, whose names would otherwise pile up with every restart.
   * A live consumer is never idle that long (its blocking reads count as activity), and would
   * simply be recreated by its next read. With {@code dropPending} also those that hold entries,
   * which are dropped with them: for streams of hints that a reader catches up on by other means.
   *
   * @return how many were removed
   */
  int forgetDepartedConsumers(Duration idle) {
    return forgetDepartedConsumers(idle, false);
  }

  int forgetDepartedConsumers(Duration idle, boolean dropPending) {
    int removed = 0;
    for (StreamInfo.XInfoConsumer other : redis.opsForStream().consumers(stream, group)) {
      String name = other.consumerName();
      if (name.equals(consumer) || other.idleTimeMs() <= idle.toMillis()) {
        continue;
      }
      if (dropPending) {
        redis.opsForStream().deleteConsumer(stream, Consumer.from(group, name));
        removed++;
      } else if (other.pendingCount() == 0
          && Long.valueOf(1)
              .equals(redis.execute(StreamScripts.FORGET_CONSUMER, List.of(stream), group, name))) {
        removed++; // the script checked again, atomically, that nothing is pending
      }
    }
    return removed;
  }

  static boolean mentions(Throwable error, String text) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains(text)) {
        return true;
      }
    }
    return false;
  }
}
