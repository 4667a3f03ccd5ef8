package org.smartassistant.common.stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes envelopes to JSON and decodes them strictly: malformed JSON, an unknown type, an unknown
 * field or a missing required field is an {@link EnvelopeFormatException} with a clear message.
 */
public final class EnvelopeCodec {

  private final JsonMapper mapper =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  public String encode(Envelope envelope) {
    requireValid(envelope);
    return mapper.writeValueAsString(envelope);
  }

  public Envelope decode(String json) {
    if (json == null || json.isBlank()) {
      throw new EnvelopeFormatException("empty stream entry: expected an envelope JSON object");
    }
    Envelope envelope;
    try {
      envelope = mapper.readValue(json, Envelope.class);
    } catch (JacksonException e) {
      EnvelopeFormatException cause = findFormatCause(e);
      if (cause != null) {
        throw cause;
      }
      throw new EnvelopeFormatException("malformed envelope JSON: " + e.getOriginalMessage(), e);
    }
    if (envelope == null) {
      throw new EnvelopeFormatException("malformed envelope JSON: null");
    }
    requireValid(envelope);
    return envelope;
  }

  private static void requireValid(Envelope envelope) {
    if (envelope.id() == null) {
      throw new EnvelopeFormatException("envelope has no 'id'");
    }
    if (envelope.type() == null) {
      throw new EnvelopeFormatException("envelope " + envelope.id() + " has no 'type'");
    }
    if (envelope.createdAt() == null) {
      throw new EnvelopeFormatException("envelope " + envelope.id() + " has no 'createdAt'");
    }
    if (envelope.userId() == null) {
      throw new EnvelopeFormatException("envelope " + envelope.id() + " has no 'userId'");
    }
  }

  private static EnvelopeFormatException findFormatCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EnvelopeFormatException format) {
        return format;
      }
    }
    return null;
  }
}
