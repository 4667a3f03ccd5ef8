package org.smartassistant.common.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Adds envelopes to their streams (the stream of the envelope's type). Every entry is linked to the
 * previous entry of the same user, which is how consumers keep each user's envelopes in order
 * (docs/streams.md); envelopes must therefore be added through this class, not by a bare XADD.
 *
 * <p>The publisher never trims: an entry is removed only once every group of the stream has
 * acknowledged it, by the {@link StreamTrimmer}, which this publisher tells about each stream it
 * writes (so a producer watches, warns about and measures a stream whose consumer is down).
 */
public class EnvelopePublisher {

  /**
   * How long the newest entry id of a user is remembered; an entry pending longer than this loses
   * its ordering link, which no real backlog comes near.
   */
  static final Duration USER_TAIL_TTL = Duration.ofDays(30);

  private final StringRedisTemplate redis;
  private final EnvelopeCodec codec;
  private final Duration idempotencyTtl;
  private final StreamTrimmer trimmer;
  private final EnvelopeObservations observations;

  /**
   * A publisher whose streams are looked after by {@code trimmer} (null: by whoever else runs a
   * {@link StreamTrimmer} for them, e.g. the consumers' service).
   */
  public EnvelopePublisher(
      StringRedisTemplate redis,
      EnvelopeCodec codec,
      Duration idempotencyTtl,
      StreamTrimmer trimmer) {
    this(redis, codec, idempotencyTtl, trimmer, EnvelopeObservations.none());
  }

  /**
   * A publisher that observes every add: the envelope carries the trace of the observation (see
   * {@link EnvelopeObservations}).
   */
  public EnvelopePublisher(
      StringRedisTemplate redis,
      EnvelopeCodec codec,
      Duration idempotencyTtl,
      StreamTrimmer trimmer,
      EnvelopeObservations observations) {
    this.redis = Objects.requireNonNull(redis, "redis");
    this.codec = Objects.requireNonNull(codec, "codec");
    this.idempotencyTtl = Objects.requireNonNull(idempotencyTtl, "idempotencyTtl");
    this.trimmer = trimmer;
    this.observations = Objects.requireNonNull(observations, "observations");
  }

  /**
   * Adds the envelope to its type's stream.
   *
   * @return the new entry's id
   */
  public String publish(Envelope envelope) {
    return publishTo(envelope.type().stream(), envelope, null).recordId();
  }

  /**
   * Adds the envelope unless the same idempotency key was published within {@code
   * smart.streams.idempotency-ttl} (default 7 days). The check and the add are one atomic step, so
   * concurrent callers with the same key add exactly one entry. Keys are scoped to the stream; a
   * reminder would use e.g. {@code "reminder:" + reminderId + ":" + scheduledFor}, a reply {@code
   * "reply:" + inboxEnvelopeId}.
   */
  public PublishResult publish(Envelope envelope, String idempotencyKey) {
    return publish(envelope, idempotencyKey, null);
  }

  /**
   * As {@link #publish(Envelope, String)}, and {@code kept} is set in the same atomic step when the
   * entry is added (not when the key was used already): a handler keeps what it did for an envelope
   * with the entry that publishes it, in one round trip, and finds it on a later attempt exactly
   * when the entry went out. A null {@code kept} sets nothing.
   */
  public PublishResult publish(Envelope envelope, String idempotencyKey, KeptValue kept) {
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw new IllegalArgumentException("idempotencyKey must not be blank");
    }
    return publishTo(envelope.type().stream(), envelope, idempotencyKey, kept);
  }

  /** Adds to a named stream: for tests that keep their streams apart. */
  PublishResult publishTo(String stream, Envelope envelope, String idempotencyKey) {
    return publishTo(stream, envelope, idempotencyKey, null);
  }

  PublishResult publishTo(String stream, Envelope envelope, String idempotencyKey, KeptValue kept) {
    if (trimmer != null) {
      trimmer.watch(stream);
    }
    return observations.publishing(
        stream, envelope, traced -> add(stream, traced, idempotencyKey, kept));
  }

  private PublishResult add(
      String stream, Envelope envelope, String idempotencyKey, KeptValue kept) {
    String json = codec.encode(envelope);
    // KEYS and ARGV grow together: [idempotency key and its TTL[, kept key, value and TTL]]
    List<String> keys = new ArrayList<>(4);
    List<String> args = new ArrayList<>(5);
    keys.add(stream);
    keys.add(StreamKeys.userTail(stream, envelope.userId()));
    args.add(json);
    args.add(Long.toString(USER_TAIL_TTL.toMillis()));
    if (idempotencyKey != null) {
      keys.add(StreamKeys.idempotency(stream, idempotencyKey));
      args.add(Long.toString(idempotencyTtl.toMillis()));
      if (kept != null) {
        keys.add(kept.key());
        args.add(kept.value());
        args.add(kept.ttlMillis());
      }
    }
    List<?> result = redis.execute(StreamScripts.PUBLISH, keys, args.toArray());
    if (result == null || result.size() != 2) {
      throw new IllegalStateException("unexpected reply of the publish script: " + result);
    }
    return new PublishResult(
        String.valueOf(result.get(0)), ((Number) result.get(1)).longValue() == 0);
  }
}
