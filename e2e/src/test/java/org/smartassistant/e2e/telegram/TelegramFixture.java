package org.smartassistant.e2e.telegram;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the Telegram scenarios use of the running suite: its fake Telegram, rest-service through the
 * typed client, and the suite's Redis to look at the inbox and to put replies into the outbox as
 * the assistant does. One per test JVM.
 */
final class TelegramFixture {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  private static TelegramFixture shared;

  final Suite suite;
  final FakeTelegramBotApi telegram;
  final RestServiceClient rest;
  final StringRedisTemplate redis;
  final EnvelopePublisher publisher;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  private TelegramFixture(Suite suite) {
    this.suite = suite;
    this.telegram = suite.telegram();
    this.rest = suite.rest();
    this.redis = suite.redis();
    this.publisher = new EnvelopePublisher(redis, codec, Duration.ofDays(7), null);
  }

  static synchronized TelegramFixture get() {
    if (shared == null) {
      shared = new TelegramFixture(Suite.shared());
    }
    return shared;
  }

  /** A reply for the chat in the outbox, as the assistant writes it. */
  Envelope reply(long userId, long chatId, String markdown) {
    Envelope envelope =
        Envelope.of(EnvelopeType.REPLY, userId, chatId, markdown, "assistant", Instant.now())
            .withAttrs(Map.of());
    publisher.publish(envelope);
    return envelope;
  }

  /** The envelopes in the inbox, oldest first. */
  List<Envelope> inbox() {
    List<MapRecord<String, Object, Object>> records =
        redis.opsForStream().range(Streams.INBOX, Range.unbounded());
    List<Envelope> envelopes = new ArrayList<>();
    if (records != null) {
      for (MapRecord<String, Object, Object> record : records) {
        envelopes.add(codec.decode((String) record.getValue().get("envelope")));
      }
    }
    return envelopes;
  }

  List<Envelope> inbox(long chatId) {
    return inbox().stream().filter(e -> e.chatId() != null && e.chatId() == chatId).toList();
  }

  long inboxLength() {
    Long length = redis.opsForStream().size(Streams.INBOX);
    return length == null ? 0 : length;
  }

  /**
   * Waits until the suite is quiet: the assistant and tg-bot have read and finished everything in
   * their streams, so no reply still on its way takes a fault a scenario injects into Telegram.
   */
  void awaitQuiet() {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                finished(Streams.INBOX, Streams.ASSISTANT_GROUP)
                    && finished(Streams.OUTBOX, Streams.TG_BOT_GROUP));
  }

  private boolean finished(String stream, String group) {
    if (!Boolean.TRUE.equals(redis.hasKey(stream))) {
      return true;
    }
    List<MapRecord<String, Object, Object>> last =
        redis.opsForStream().reverseRange(stream, Range.unbounded(), Limit.limit().count(1));
    if (last == null || last.isEmpty()) {
      return true;
    }
    for (StreamInfo.XInfoGroup info : redis.opsForStream().groups(stream)) {
      if (info.groupName().equals(group)) {
        return info.pendingCount() == 0
            && last.get(0).getId().getValue().equals(info.lastDeliveredId());
      }
    }
    return false;
  }
}
