package org.smartassistant.assistant.tools.reminders;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a delay as a reminder tool call gives it: an ISO-8601 duration ({@code PT20M}) or a phrase
 * of numbers with units ({@code 20 minutes}, {@code 1 hour and 30 min}), optionally after "in".
 */
final class Delays {

  private static final Pattern DELAY_PART = Pattern.compile("(\\d{1,9})\\s*([a-z]+)");
  private static final Map<String, Duration> UNITS =
      Map.ofEntries(
          Map.entry("s", Duration.ofSeconds(1)),
          Map.entry("sec", Duration.ofSeconds(1)),
          Map.entry("secs", Duration.ofSeconds(1)),
          Map.entry("second", Duration.ofSeconds(1)),
          Map.entry("seconds", Duration.ofSeconds(1)),
          Map.entry("m", Duration.ofMinutes(1)),
          Map.entry("min", Duration.ofMinutes(1)),
          Map.entry("mins", Duration.ofMinutes(1)),
          Map.entry("minute", Duration.ofMinutes(1)),
          Map.entry("minutes", Duration.ofMinutes(1)),
          Map.entry("h", Duration.ofHours(1)),
          Map.entry("hr", Duration.ofHours(1)),
          Map.entry("hrs", Duration.ofHours(1)),
          Map.entry("hour", Duration.ofHours(1)),
          Map.entry("hours", Duration.ofHours(1)),
          Map.entry("d", Duration.ofDays(1)),
          Map.entry("day", Duration.ofDays(1)),
          Map.entry("days", Duration.ofDays(1)),
          Map.entry("w", Duration.ofDays(7)),
          Map.entry("week", Duration.ofDays(7)),
          Map.entry("weeks", Duration.ofDays(7)));

  private Delays() {}

  /** The delay, or null when it cannot be read. */
  static Duration parse(String text) {
    String delay = text.strip().toLowerCase(Locale.ROOT);
    if (delay.startsWith("in ")) {
      delay = delay.substring(3).strip();
    }
    if (delay.matches("[-+]?p.*")) {
      try {
        return Duration.parse(delay.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException | ArithmeticException e) {
        return null;
      }
    }
    delay = delay.replace(',', ' ').replaceAll("\\band\\b", " ");
    Matcher part = DELAY_PART.matcher(delay);
    Duration total = Duration.ZERO;
    int end = 0;
    boolean any = false;
    try {
      while (part.find()) {
        Duration unit = UNITS.get(part.group(2));
        if (unit == null || !delay.substring(end, part.start()).isBlank()) {
          return null;
        }
        total = total.plus(unit.multipliedBy(Long.parseLong(part.group(1))));
        end = part.end();
        any = true;
      }
    } catch (ArithmeticException e) {
      return null;
    }
    return any && delay.substring(end).isBlank() ? total : null;
  }
}
