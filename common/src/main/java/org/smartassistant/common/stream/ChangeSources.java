package org.smartassistant.common.stream;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeKind;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The two ways a {@link ChangeEventReader} reads the change streams. */
final class ChangeSources {

  /** One entry of a change stream. */
  record Change(String stream, String id, Map<String, String> fields) {}

  /** Where a {@link ChangeEventReader}'s entries come from. */
  interface Source {

    /** For the logs, e.g. {@code changes:reminder}. */
    String name();

    /**
     * Makes ready to read.
     *
     * @return true when reading starts at the newest entry, so that earlier ones went unseen
     */
    boolean prepare();

    /** Up to {@code count} entries, waiting up to {@code block} for the first. */
    List<Change> read(int count, Duration block);

    /** The entry was handed to the listeners. */
    void done(Change change);

    void closeConnection();
  }

  private static final Logger log = LoggerFactory.getLogger(ChangeSources.class);

  /** Consumers of earlier runs idle this long are removed from the group. */
  private static final Duration DEPARTED_AFTER = Duration.ofHours(1);

  private ChangeSources() {}

  /**
   * Plain XREAD of several streams from the newest entry each had when reading started (an absent
   * stream: from its start): every instance sees every entry, none is acknowledged.
   */
  static Source fromNewest(StringRedisTemplate redis, Collection<ChangeKind> kinds) {
    return new FromNewest(redis, kinds.stream().map(ChangeKind::stream).toList());
  }

  /**
   * XREADGROUP of one stream in a consumer group (created at the stream's end when missing): each
   * entry goes to one instance, and is acknowledged once the listeners had it. Consumers of earlier
   * runs are dropped with what they left pending: change events are hints that a listener catches
   * up on by other means.
   */
  static Source inGroup(StringRedisTemplate redis, ChangeKind kind, String group) {
    String consumer = StreamConsumers.uniqueConsumerName();
    return new InGroup(new ConsumerGroupClient(redis, kind.stream(), group, consumer), kind);
  }

  private static final class FromNewest implements Source {
    private final StringRedisTemplate redis;
    private final List<String> streams;
    private final Map<String, String> positions = new LinkedHashMap<>();
    private RedisConnection connection;

    FromNewest(StringRedisTemplate redis, List<String> streams) {
      this.redis = redis;
      this.streams = streams;
    }

    @Override
    public String name() {
      return String.join(", ", streams);
    }

    @Override
    public boolean prepare() {
      positions.clear();
      for (String stream : streams) {
        var newest =
            redis.opsForStream().reverseRange(stream, Range.unbounded(), Limit.limit().count(1));
        positions.put(
            stream, newest == null || newest.isEmpty() ? "0-0" : newest.get(0).getId().getValue());
      }
      return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Change> read(int count, Duration block) {
      if (connection == null || connection.isClosed()) {
        connection = redis.getRequiredConnectionFactory().getConnection();
      }
      StreamOffset<byte[]>[] offsets =
          positions.entrySet().stream()
              .map(
                  position ->
                      StreamOffset.create(
                          position.getKey().getBytes(StandardCharsets.UTF_8),
                          ReadOffset.from(position.getValue())))
              .toArray(StreamOffset[]::new);
      List<ByteRecord> records =
          connection
              .streamCommands()
              .xRead(StreamReadOptions.empty().count(count).block(block), offsets);
      if (records == null || records.isEmpty()) {
        return List.of();
      }
      List<Change> changes = new ArrayList<>(records.size());
      for (ByteRecord record : records) {
        String stream = new String(record.getStream(), StandardCharsets.UTF_8);
        positions.put(stream, record.getId().getValue());
        changes.add(
            new Change(stream, record.getId().getValue(), ConsumerGroupClient.fields(record)));
      }
      return changes;
    }

    @Override
    public void done(Change change) {}

    @Override
    public void closeConnection() {
      RedisConnection current = connection;
      connection = null;
      if (current != null) {
        try {
          current.close();
        } catch (RuntimeException ignored) {
          // it is being replaced anyway
        }
      }
    }
  }

  private static final class InGroup implements Source {
    private final ConsumerGroupClient client;
    private final String stream;

    InGroup(ConsumerGroupClient client, ChangeKind kind) {
      this.client = client;
      this.stream = kind.stream();
    }

    @Override
    public String name() {
      return stream;
    }

    @Override
    public boolean prepare() {
      client.ensureGroup(ReadOffset.latest());
      try {
        client.forgetDepartedConsumers(DEPARTED_AFTER, true);
      } catch (RuntimeException e) {
        log.debug("could not tidy the consumers of {}: {}", stream, StreamConsumer.describe(e));
      }
      return false;
    }

    @Override
    public List<Change> read(int count, Duration block) {
      return client.readNew(count, block).stream()
          .map(entry -> new Change(stream, entry.id(), entry.fields()))
          .toList();
    }

    @Override
    public void done(Change change) {
      client.acknowledge(change.id());
    }

    @Override
    public void closeConnection() {
      client.closeReader();
    }
  }
}
