package org.smartassistant.common.stream;

import java.util.UUID;

/**
 * Names of the Redis keys kept beside a stream. All begin with the stream name, so one stream's
 * state can be found (and removed) together.
 */
final class StreamKeys {

  /** Field of a stream entry holding the envelope JSON. */
  static final String ENVELOPE_FIELD = "envelope";

  /** Field holding the id of the previous entry of the same user (see docs/streams.md). */
  static final String PREVIOUS_FIELD = "prev";

  private StreamKeys() {}

  /** The id of the newest entry of a user in a stream: the next entry's {@code prev}. */
  static String userTail(String stream, long userId) {
    return stream + ":tail:" + userId;
  }

  /** The record id an idempotency key was first published as. */
  static String idempotency(String stream, String key) {
    return stream + ":once:" + key;
  }

  /** Present while a group remembers that it processed an envelope. */
  static String processed(String stream, String group, UUID envelopeId) {
    return stream + ":" + group + ":processed:" + envelopeId;
  }
}
