package org.smartassistant.tgbot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandParsingTest {

  @Test
  void readsTheNameWithoutSlashBotSuffixOrCase() {
    assertThat(Commands.isCommand("/Start@smart_assistant_bot")).isTrue();
    assertThat(Commands.nameOf("/Start@smart_assistant_bot")).isEqualTo("start");
    assertThat(Commands.nameOf("/timezone Europe/Berlin")).isEqualTo("timezone");
  }

  @Test
  void readsTheArgumentsTrimmed() {
    assertThat(Commands.argumentsOf("/timezone   America/New_York  "))
        .isEqualTo("America/New_York");
    assertThat(Commands.argumentsOf("/help")).isEmpty();
  }

  @Test
  void aSlashNotFollowedByALetterIsText() {
    assertThat(Commands.isCommand("/")).isFalse();
    assertThat(Commands.isCommand("/ 5")).isFalse();
    assertThat(Commands.isCommand("1/2 cup of flour")).isFalse();
  }

  @Test
  void timeZonesAreMatchedForgivinglyAndOnlyWhenTheyExist() {
    assertThat(TimezoneCommand.zoneId("europe/berlin")).contains("Europe/Berlin");
    assertThat(TimezoneCommand.zoneId(" America/New York ")).contains("America/New_York");
    assertThat(TimezoneCommand.zoneId("Mars/Olympus")).isEmpty();
    assertThat(TimezoneCommand.zoneId("")).isEmpty();
  }
}
