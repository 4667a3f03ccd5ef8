package org.smartassistant.assistant.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.smartassistant.assistant.conversation.SystemPromptTest.user;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SecretaryTurnsTest {

  @Test
  void fallsBackForInvalidZones() {
    assertThat(SecretaryTurns.zoneOf(user("Ann", "Not/AZone"), ZoneId.of("Europe/Rome")))
        .isEqualTo(ZoneId.of("Europe/Rome"));
    assertThat(SecretaryTurns.zoneOf(user("Ann", null), null)).isEqualTo(ZoneOffset.UTC);
    assertThat(SecretaryTurns.zoneOf(null, null)).isEqualTo(ZoneOffset.UTC);
    assertThat(SecretaryTurns.zoneOf(user("Ann", "Asia/Tokyo"), ZoneId.of("Europe/Rome")))
        .isEqualTo(ZoneId.of("Asia/Tokyo"));
  }
}
