package org.smartassistant.common.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

  private final EnvelopeCodec codec = new EnvelopeCodec();

  @Test
  void roundTripKeepsEveryField() {
    Envelope envelope =
        new Envelope(
            UUID.randomUUID(),
            EnvelopeType.REMINDER_TRIGGERED,
            42L,
            123456789L,
            "call mum",
            "cron",
            Instant.parse("2026-11-23T21:00:00Z"),
            "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            Map.of("reminderId", "r-1", "scheduledFor", "2026-11-24T08:00:00Z"));

    String json = codec.encode(envelope);

    assertThat(json)
        .contains("\"type\":\"reminder_triggered\"")
        .contains("\"createdAt\":\"2026-11-23T21:00:00Z\"");
    assertThat(codec.decode(json)).isEqualTo(envelope);
  }

  @Test
  void decodesTheSpecExample() {
    String json =
        """
        {"id": "6f1c8a52-3d1e-4f7e-9a55-1d3b0d3c9e11", "type": "user_message", "userId": 42, "chatId": 123456789,
         "text": "remind me at 9 to call mum", "source": "telegram",
         "createdAt": "2026-11-23T21:00:00Z", "traceparent": "00-abc", "attrs": {}}
        """;

    Envelope envelope = codec.decode(json);

    assertThat(envelope.type()).isEqualTo(EnvelopeType.USER_MESSAGE);
    assertThat(envelope.type().stream()).isEqualTo(Streams.INBOX);
    assertThat(envelope.chatId()).isEqualTo(123456789L);
    assertThat(envelope.attrs()).isEmpty();
  }

  @Test
  void rejectsMalformedJsonWithAClearError() {
    assertThatThrownBy(
            () -> codec.decode("{\"id\": \"6f1c8a52-3d1e-4f7e-9a55-1d3b0d3c9e11\", \"type\":"))
        .isInstanceOf(EnvelopeFormatException.class)
        .hasMessageStartingWith("malformed envelope JSON");
    assertThatThrownBy(() -> codec.decode("not json at all"))
        .isInstanceOf(EnvelopeFormatException.class)
        .hasMessageStartingWith("malformed envelope JSON");
    assertThatThrownBy(() -> codec.decode(""))
        .isInstanceOf(EnvelopeFormatException.class)
        .hasMessageContaining("empty stream entry");
  }

  @Test
  void rejectsAnUnknownTypeNamingIt() {
    String json =
        "{\"id\":\"6f1c8a52-3d1e-4f7e-9a55-1d3b0d3c9e11\",\"type\":\"user_mesage\",\"userId\":1,"
            + "\"createdAt\":\"2026-11-23T21:00:00Z\"}";

    assertThatThrownBy(() -> codec.decode(json))
        .isInstanceOf(EnvelopeFormatException.class)
        .hasMessageContaining("unknown envelope type 'user_mesage'")
        .hasMessageContaining("user_message");
  }

  @Test
  void rejectsUnknownFieldsAndMissingRequiredOnes() {
    String unknownField =
        "{\"id\":\"6f1c8a52-3d1e-4f7e-9a55-1d3b0d3c9e11\",\"type\":\"reply\",\"userId\":1,"
            + "\"createdAt\":\"2026-11-23T21:00:00Z\",\"colour\":\"red\"}";
    String noCreatedAt =
        "{\"id\":\"6f1c8a52-3d1e-4f7e-9a55-1d3b0d3c9e11\",\"type\":\"reply\",\"userId\":1}";
    String badId =
        "{\"id\":\"nope\",\"type\":\"reply\",\"userId\":1,\"createdAt\":\"2026-11-23T21:00:00Z\"}";

    assertThatThrownBy(() -> codec.decode(unknownField))
        .isInstanceOf(EnvelopeFormatException.class)
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> codec.decode(noCreatedAt))
        .isInstanceOf(EnvelopeFormatException.class)
        .hasMessageContaining("createdAt");
    assertThatThrownBy(() -> codec.decode(badId)).isInstanceOf(EnvelopeFormatException.class);
  }
}
