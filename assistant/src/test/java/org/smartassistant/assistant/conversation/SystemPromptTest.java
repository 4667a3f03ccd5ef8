package org.smartassistant.assistant.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.LlmProvider;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.testsupport.MutableClock;

class SystemPromptTest {

  static final Instant NOW = Instant.parse("2026-12-31T23:30:00Z");

  final SystemPrompt prompt = new SystemPrompt(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void givesTheDateTimeAndWeekdayInTheUsersZone() {
    String text =
        prompt.build(
            assistant("Be kind."), user("Ann", "Asia/Tokyo"), ZoneId.of("Asia/Tokyo"), null);

    assertThat(text)
        .startsWith("Be kind.")
        .contains("Friday, 1 January 2027, 08:30 (Asia/Tokyo, UTC+09:00)")
        .contains(
            "Name: Ann. Telegram username: @ann. Time zone: Asia/Tokyo. Preferred language: de.")
        .doesNotContain("summary");
  }

  @Test
  void readsTheClockOnEveryTurn() {
    MutableClock clock = new MutableClock(NOW);
    SystemPrompt prompt = new SystemPrompt(clock);
    ZoneId zone = ZoneId.of("UTC");

    String before = prompt.build(assistant("x"), user("Ann", "UTC"), zone, null);
    clock.advance(java.time.Duration.ofHours(1));
    String after = prompt.build(assistant("x"), user("Ann", "UTC"), zone, null);

    assertThat(before).contains("Thursday, 31 December 2026, 23:30");
    assertThat(after).contains("Friday, 1 January 2027, 00:30");
  }

  @Test
  void addsTheSummaryOfTheEarlierConversation() {
    assertThat(prompt.build(assistant("x"), user("Ann", "UTC"), ZoneOffset.UTC, "Likes tea."))
        .endsWith("## Earlier in this conversation (summary)\nLikes tea.");
  }

  @Test
  void listsTheFactsKeptAboutTheUserWithTheirNumbersOneLineEach() {
    String text =
        prompt.build(
            assistant("x"),
            user("Ann", "UTC"),
            ZoneOffset.UTC,
            java.util.List.of(
                new MemoryDto(12L, 1L, "Her daughter is Mia", NOW),
                new MemoryDto(7L, 1L, "Prefers meetings\nafter 10 ", NOW)),
            "Likes tea.");

    assertThat(text)
        .contains(
            "## What you know about the user\n"
                + "Facts kept from earlier conversations (the number in brackets is what"
                + " memory_forget takes):\n- [12] Her daughter is Mia\n- [7] Prefers meetings after 10"
                + "\n\n## Earlier in this conversation (summary)");
    assertThat(prompt.build(assistant("x"), user("Ann", "UTC"), ZoneOffset.UTC, null))
        .doesNotContain("What you know");
  }

  @Test
  void fallsBackForMissingInstructions() {
    assertThat(prompt.build(assistant(" "), user("Ann", "UTC"), ZoneOffset.UTC, null))
        .startsWith(SystemPrompt.FALLBACK_INSTRUCTIONS);
  }

  static AssistantDto assistant(String instructions) {
    return new AssistantDto(
        UUID.randomUUID(),
        "S",
        null,
        true,
        LlmProvider.OPENAI,
        "m",
        instructions,
        null,
        null,
        true,
        NOW,
        NOW);
  }

  static UserDto user(String name, String zone) {
    return new UserDto(1L, 2L, "ann", name, null, zone, "de", UserStatus.ACTIVE, NOW, NOW);
  }
}
