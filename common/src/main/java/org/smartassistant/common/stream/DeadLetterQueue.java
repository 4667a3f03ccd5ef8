package org.smartassistant.common.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.smartassistant.common.api.DeadLetterDto;
import org.smartassistant.common.api.DeadLetterStreamDto;
import org.smartassistant.common.api.ReplayResultDto;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The dead-letter streams seen from outside the consumers: list, inspect, replay and drop their
 * entries (SPEC §7, docs/streams.md "Dead letters").
 *
 * <p>A replay puts the envelope back on its stream through the {@link EnvelopePublisher}, so it
 * follows the normal rules: it is ordered after the user's newer entries, its attempts start from
 * zero (a new entry), and its effects stay idempotent (the envelope keeps its id). The consumer
 * group remembers a dead-lettered envelope as processed, with the failed entry's id as the value; a
 * replay forgets that mark first. A mark with another entry's id means the envelope was handled
 * since (an earlier replay went through): the replay is refused, so no user is answered twice.
 */
public class DeadLetterQueue {

  /** The streams that have a dead-letter stream, by the short name the API uses. */
  public static final Map<String, String> STREAMS = streamsInOrder();

  private static Map<String, String> streamsInOrder() {
    Map<String, String> streams = new java.util.LinkedHashMap<>();
    streams.put("inbox", Streams.INBOX);
    streams.put("outbox", Streams.OUTBOX);
    return java.util.Collections.unmodifiableMap(streams);
  }

  private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,20}-\\d{1,20}");

  /** KEYS: processed key. ARGV: the failed entry's id. 1: may replay (mark cleared), 0: handled. */
  static final RedisScript<Long> FORGET_DEAD_LETTERED =
      RedisScript.of(
          """
          local mark = redis.call('GET', KEYS[1])
          if mark and mark ~= ARGV[1] then return 0 end
          if mark then redis.call('DEL', KEYS[1]) end
          return 1
          """,
          Long.class);

  /** Why an entry could not be replayed. */
  public static final class NotReplayableException extends RuntimeException {
    NotReplayableException(String message) {
      super(message);
    }
  }

  private final StringRedisTemplate redis;
  private final EnvelopeCodec codec;
  private final EnvelopePublisher publisher;

  public DeadLetterQueue(
      StringRedisTemplate redis, EnvelopeCodec codec, EnvelopePublisher publisher) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  /** Whether a short stream name is one with a dead-letter stream. */
  public static boolean isKnown(String stream) {
    return stream != null && STREAMS.containsKey(stream);
  }

  /** Whether a text has the shape of a stream entry id ({@code <ms>-<seq>}). */
  public static boolean isEntryId(String id) {
    return id != null && ENTRY_ID.matcher(id).matches();
  }

  /** Every dead-letter stream with its size, in the order inbox, outbox. */
  public List<DeadLetterStreamDto> streams() {
    List<DeadLetterStreamDto> out = new ArrayList<>();
    for (String name : STREAMS.keySet()) {
      String key = Streams.dlq(STREAMS.get(name));
      Long size = redis.opsForStream().size(key);
      out.add(new DeadLetterStreamDto(name, key, size == null ? 0 : size));
    }
    return out;
  }

  /**
   * The newest entries first, at most {@code limit}, older than {@code before} when given.
   *
   * @param stream a known short name ({@link #isKnown})
   */
  public List<DeadLetterDto> list(String stream, int limit, String before) {
    String key = key(stream);
    Range<String> range =
        before == null ? Range.unbounded() : Range.leftUnbounded(Range.Bound.inclusive(before));
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().reverseRange(key, range, Limit.limit().count(limit + 1));
    List<DeadLetterDto> out = new ArrayList<>();
    for (MapRecord<String, Object, Object> record :
        records == null ? List.<MapRecord<String, Object, Object>>of() : records) {
      if (!record.getId().getValue().equals(before) && out.size() < limit) {
        out.add(toDto(stream, record));
      }
    }
    return out;
  }

  /** One entry, if the dead-letter stream holds it. */
  public Optional<DeadLetterDto> find(String stream, String id) {
    return record(stream, id).map(record -> toDto(stream, record));
  }

  /**
   * Puts the entry's envelope back on its stream and removes the entry.
   *
   * @return empty when the dead-letter stream does not hold the entry
   * @throws NotReplayableException when the entry holds no valid envelope, or its envelope was
   *     handled since it was dead-lettered
   */
  public Optional<ReplayResultDto> replay(String stream, String id) {
    Optional<MapRecord<String, Object, Object>> found = record(stream, id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Map<Object, Object> fields = found.get().getValue();
    Envelope envelope = decode(field(fields, "envelope"));
    if (envelope == null) {
      throw new NotReplayableException(
          "dead letter " + id + " holds no valid envelope; it can only be dropped");
    }
    String group = field(fields, "group");
    String originalId = field(fields, "originalId");
    if (group != null && originalId != null) {
      String mark = StreamKeys.processed(STREAMS.get(stream), group, envelope.id());
      Long mayReplay = redis.execute(FORGET_DEAD_LETTERED, List.of(mark), originalId);
      if (mayReplay == null || mayReplay == 0) {
        throw new NotReplayableException(
            "envelope " + envelope.id() + " was handled since it was dead-lettered; not replayed");
      }
    }
    Map<String, String> attrs = new java.util.HashMap<>(envelope.attrs());
    attrs.put(EnvelopeAttribute.REPLAY_OF.wireName(), id);
    PublishResult published =
        publisher.publish(envelope.withAttrs(attrs), "replay:" + stream + ":" + id);
    redis.opsForStream().delete(key(stream), RecordId.of(id));
    return Optional.of(
        new ReplayResultDto(id, stream, published.recordId(), envelope.id().toString()));
  }

  /** Removes the entry; false when the dead-letter stream did not hold it. */
  public boolean drop(String stream, String id) {
    Long removed = redis.opsForStream().delete(key(stream), RecordId.of(id));
    return removed != null && removed > 0;
  }

  private Optional<MapRecord<String, Object, Object>> record(String stream, String id) {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(key(stream), Range.closed(id, id));
    return records == null || records.isEmpty() ? Optional.empty() : Optional.of(records.get(0));
  }

  private DeadLetterDto toDto(String stream, MapRecord<String, Object, Object> record) {
    Map<Object, Object> fields = record.getValue();
    String raw = field(fields, "envelope");
    return new DeadLetterDto(
        record.getId().getValue(),
        stream,
        field(fields, "originalId"),
        field(fields, "group"),
        field(fields, "consumer"),
        field(fields, "error"),
        attempts(field(fields, "attempts")),
        field(fields, "failedAt"),
        raw,
        decode(raw) != null);
  }

  private Envelope decode(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return codec.decode(raw);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String key(String stream) {
    if (!isKnown(stream)) {
      throw new IllegalArgumentException("unknown stream '" + stream + "'");
    }
    return Streams.dlq(STREAMS.get(stream));
  }

  private static String field(Map<Object, Object> fields, String name) {
    Object value = fields.get(name);
    return value == null || value.toString().isEmpty() ? null : value.toString();
  }

  private static int attempts(String value) {
    try {
      return value == null ? 0 : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
