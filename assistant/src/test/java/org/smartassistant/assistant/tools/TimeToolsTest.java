package org.smartassistant.assistant.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.model.ToolContext;

class TimeToolsTest {

  // Sunday 29 March 2026, 00:30 UTC: an hour before central Europe moves its clocks forward
  final TimeTools tools =
      new TimeTools(Clock.fixed(Instant.parse("2026-03-29T00:30:00Z"), ZoneOffset.UTC));
  final ToolContext berliner =
      new ToolContext(
          new ToolUser(7, 70, ZoneId.of("Europe/Berlin"), UUID.randomUUID()).toContext());

  @Test
  void withoutAZoneTellsTheTimeInTheUsersZone() {
    assertThat(tools.time(null, berliner))
        .isEqualTo("Sunday, 29 March 2026, 01:30 in Europe/Berlin (UTC+01:00)");
  }

  @Test
  void tellsTheTimeInTheZoneTheModelNames() {
    assertThat(tools.time("America/New_York", berliner))
        .isEqualTo("Saturday, 28 March 2026, 20:30 in America/New_York (UTC-04:00)");
    assertThat(tools.time(" UTC ", berliner))
        .isEqualTo("Sunday, 29 March 2026, 00:30 in UTC (UTC)");
  }

  @Test
  void followsDaylightSavingTime() {
    TimeTools later =
        new TimeTools(Clock.fixed(Instant.parse("2026-03-29T01:30:00Z"), ZoneOffset.UTC));

    assertThat(later.time("", berliner))
        .isEqualTo("Sunday, 29 March 2026, 03:30 in Europe/Berlin (UTC+02:00)");
  }

  @Test
  void answersABadZoneWithASentenceForTheModel() {
    assertThat(tools.time("Mars/Olympus_Mons", berliner))
        .isEqualTo(
            "'Mars/Olympus_Mons' is not a time zone I know. Use an IANA name such as"
                + " Europe/Berlin, America/New_York or Asia/Tokyo.");
  }

  @Test
  void refusesToRunWithoutAUserInTheContext() {
    assertThatThrownBy(() -> tools.time(null, new ToolContext(java.util.Map.of())))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void isTheImplementationOfTheTimeType() {
    assertThat(tools.types()).containsExactly(org.smartassistant.common.api.ToolType.TIME);
  }
}
