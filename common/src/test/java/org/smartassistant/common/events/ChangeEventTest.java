package org.smartassistant.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangeEventTest {

  @Test
  void roundTripsThroughStreamFields() {
    ChangeEvent event =
        new ChangeEvent(
            ChangeKind.ASSISTANT_TOOL,
            "a:b",
            ChangeType.DELETED,
            Instant.parse("2026-01-02T03:04:05Z"),
            Map.of(ChangeEvent.ASSISTANT_ID, "a", ChangeEvent.TOOL_ID, "b"));

    Map<String, String> fields = event.toFields();

    assertThat(fields)
        .containsEntry("kind", "assistant_tool")
        .containsEntry("change", "deleted")
        .containsEntry("occurredAt", "2026-01-02T03:04:05Z")
        .containsEntry("toolId", "b");
    assertThat(ChangeEvent.fromFields(fields)).isEqualTo(event);
    assertThat(event.stream()).isEqualTo("changes:assistant_tool");
  }

  @Test
  void refusesEntriesWithoutRequiredFields() {
    assertThatThrownBy(() -> ChangeEvent.fromFields(Map.of("kind", "reminder", "id", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("change");
  }
}
