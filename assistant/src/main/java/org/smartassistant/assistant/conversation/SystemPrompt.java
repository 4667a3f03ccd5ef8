package org.smartassistant.assistant.conversation;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.UserDto;
import org.springframework.stereotype.Component;

/**
 * Builds the system prompt of every turn: the assistant's instructions, the current date, time and
 * weekday in the user's zone (read from the {@link Clock} each time, so the model never works with
 * a stale "now"), the user's profile, the facts kept about the user that matter to the turn, and
 * the summary of the older conversation.
 */
@Component
public class SystemPrompt {

  static final String FALLBACK_INSTRUCTIONS = "You are a helpful personal secretary.";

  private static final DateTimeFormatter NOW =
      DateTimeFormatter.ofPattern("EEEE, d MMMM uuuu, HH:mm", Locale.ENGLISH);

  private final Clock clock;

  SystemPrompt(Clock clock) {
    this.clock = clock;
  }

  public String build(AssistantDto assistant, UserDto user, ZoneId zone, String summary) {
    return build(assistant, user, zone, List.of(), summary);
  }

  /** As the other, with the facts kept about the user ({@code facts}, most relevant first). */
  public String build(
      AssistantDto assistant, UserDto user, ZoneId zone, List<MemoryDto> facts, String summary) {
    StringBuilder prompt = new StringBuilder();
    String instructions = assistant.instructions();
    prompt.append(
        instructions == null || instructions.isBlank()
            ? FALLBACK_INSTRUCTIONS
            : instructions.strip());
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    prompt
        .append("\n\n## Now\nThe user's current local date and time: ")
        .append(NOW.format(now))
        .append(" (")
        .append(zone.getId())
        .append(", UTC")
        .append(now.getOffset().getTotalSeconds() == 0 ? "" : now.getOffset().getId())
        .append(").");
    prompt.append("\n\n## The user\nName: ").append(nameOf(user)).append('.');
    if (user.username() != null && !user.username().isBlank()) {
      prompt.append(" Telegram username: @").append(user.username()).append('.');
    }
    prompt.append(" Time zone: ").append(zone.getId()).append('.');
    if (user.language() != null && !user.language().isBlank()) {
      prompt.append(" Preferred language: ").append(user.language()).append('.');
    }
    if (!facts.isEmpty()) {
      prompt.append(
          "\n\n## What you know about the user\nFacts kept from earlier conversations (the"
              + " number in brackets is what memory_forget takes):");
      for (MemoryDto fact : facts) {
        prompt.append("\n- [").append(fact.id()).append("] ").append(oneLine(fact.content()));
      }
    }
    if (summary != null && !summary.isBlank()) {
      prompt.append("\n\n## Earlier in this conversation (summary)\n").append(summary.strip());
    }
    return prompt.toString();
  }

  /** A fact on one line of the list, whatever line breaks it was kept with. */
  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  static String nameOf(UserDto user) {
    for (String name : new String[] {user.preferredName(), user.firstName(), user.username()}) {
      if (name != null && !name.isBlank()) {
        return name.strip();
      }
    }
    return "unknown";
  }
}
