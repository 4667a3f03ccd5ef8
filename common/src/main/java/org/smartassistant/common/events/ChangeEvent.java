package org.smartassistant.common.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A notification that something in rest-service changed; published after the change committed. It
 * carries ids, not state: a listener re-reads the current state through the REST API (a 404 means
 * it is gone), so duplicates and reordering are harmless.
 *
 * <p>In the stream an event is one entry of flat string fields: {@code kind}, {@code id}, {@code
 * change}, {@code occurredAt} (ISO-8601 UTC) and one field per attribute, e.g. {@code userId} of a
 * reminder or secretary, {@code assistantId} and {@code toolId} of a link.
 */
public record ChangeEvent(
    ChangeKind kind, String id, ChangeType change, Instant occurredAt, Map<String, String> attrs) {

  public static final String KIND = "kind";
  public static final String ID = "id";
  public static final String CHANGE = "change";
  public static final String OCCURRED_AT = "occurredAt";

  /** The id of every {@link ChangeKind#SETTINGS} event: there is one set of settings. */
  public static final String GLOBAL_SETTINGS_ID = "global";

  /** Attribute: the user a reminder or secretary belongs to. */
  public static final String USER_ID = "userId";

  /** Attribute: the assistant of a link or secretary. */
  public static final String ASSISTANT_ID = "assistantId";

  /** Attribute: the tool of a link. */
  public static final String TOOL_ID = "toolId";

  public ChangeEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(occurredAt, "occurredAt");
    attrs = attrs == null ? Map.of() : Map.copyOf(attrs);
    for (String reserved : new String[] {KIND, ID, CHANGE, OCCURRED_AT}) {
      if (attrs.containsKey(reserved)) {
        throw new IllegalArgumentException("attribute name '" + reserved + "' is reserved");
      }
    }
  }

  /** The stream this event belongs to. */
  public String stream() {
    return kind.stream();
  }

  /** An attribute, or null. */
  public String attr(String name) {
    return attrs.get(name);
  }

  /** The fields of the stream entry. */
  public Map<String, String> toFields() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put(KIND, kind.value());
    fields.put(ID, id);
    fields.put(CHANGE, change.value());
    fields.put(OCCURRED_AT, occurredAt.toString());
    fields.putAll(attrs);
    return fields;
  }

  /**
   * Reads a stream entry's fields.
   *
   * @throws IllegalArgumentException when a required field is missing or unknown
   */
  public static ChangeEvent fromFields(Map<String, String> fields) {
    Map<String, String> attrs = new LinkedHashMap<>(fields);
    String kind = required(attrs.remove(KIND), KIND);
    String id = required(attrs.remove(ID), ID);
    String change = required(attrs.remove(CHANGE), CHANGE);
    String occurredAt = required(attrs.remove(OCCURRED_AT), OCCURRED_AT);
    return new ChangeEvent(
        ChangeKind.fromValue(kind),
        id,
        ChangeType.fromValue(change),
        Instant.parse(occurredAt),
        attrs);
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("change event has no '" + name + "'");
    }
    return value;
  }
}
