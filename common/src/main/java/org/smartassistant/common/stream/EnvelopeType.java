package org.smartassistant.common.stream;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of envelope that travel on the streams, with the stream each belongs to. */
public enum EnvelopeType {
  USER_MESSAGE("user_message", Streams.INBOX),
  REMINDER_TRIGGERED("reminder_triggered", Streams.INBOX),
  CALENDAR_CONNECTED("calendar_connected", Streams.INBOX),
  CONVERSATION_RESET("conversation_reset", Streams.INBOX),
  REPLY("reply", Streams.OUTBOX),
  NOTIFICATION("notification", Streams.OUTBOX),
  ERROR("error", Streams.OUTBOX),
  /**
   * The text of a reply still being written (docs/streams.md, "Draft envelopes"): best effort, may
   * be skipped; the complete text always follows as one {@link #REPLY}.
   */
  DRAFT("draft", Streams.OUTBOX);

  private final String wireName;
  private final String stream;

  EnvelopeType(String wireName, String stream) {
    this.wireName = wireName;
    this.stream = stream;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }

  /** The stream an envelope of this type is written to. */
  public String stream() {
    return stream;
  }

  /**
   * The type for a wire name.
   *
   * @throws EnvelopeFormatException when the name is not one of the known types
   */
  @JsonCreator
  public static EnvelopeType fromWire(String name) {
    for (EnvelopeType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new EnvelopeFormatException(
        "unknown envelope type '"
            + name
            + "'; known types: "
            + Arrays.stream(values()).map(t -> t.wireName).collect(Collectors.joining(", ")));
  }
}
