package org.smartassistant.common.stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The one JSON document every stream entry carries (SPEC §3.1). {@code attrs} holds type-specific
 * values, named by {@link EnvelopeAttribute}, e.g. the {@link ReminderTriggered} of a reminder.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Envelope(
    UUID id,
    EnvelopeType type,
    Long userId,
    Long chatId,
    String text,
    String source,
    Instant createdAt,
    String traceparent,
    Map<String, String> attrs) {

  public Envelope {
    attrs = attrs == null ? Map.of() : Map.copyOf(attrs);
  }

  /** A new envelope with a random id, created now. */
  public static Envelope of(
      EnvelopeType type, Long userId, Long chatId, String text, String source, Instant createdAt) {
    return new Envelope(
        UUID.randomUUID(), type, userId, chatId, text, source, createdAt, null, Map.of());
  }

  public Envelope withAttrs(Map<String, String> newAttrs) {
    return new Envelope(id, type, userId, chatId, text, source, createdAt, traceparent, newAttrs);
  }

  public Envelope withId(UUID newId) {
    return new Envelope(newId, type, userId, chatId, text, source, createdAt, traceparent, attrs);
  }

  public Envelope withTraceparent(String newTraceparent) {
    return new Envelope(id, type, userId, chatId, text, source, createdAt, newTraceparent, attrs);
  }

  /** An attribute, or null. */
  public String attr(String name) {
    return attrs.get(name);
  }

  /** An attribute, or null. */
  public String attr(EnvelopeAttribute name) {
    return attrs.get(name.wireName());
  }
}
