package org.smartassistant.tgbot.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;

/** The bot's commands by name, and how a message text names one. */
public class Commands {

  private final Map<String, Command> byName = new LinkedHashMap<>();

  public Commands(List<Command> commands) {
    for (Command command : commands) {
      byName.put(command.name(), command);
    }
  }

  /** Whether the text is a command: it starts with a slash followed by a letter. */
  public static boolean isCommand(String text) {
    return text.length() > 1 && text.charAt(0) == '/' && Character.isLetter(text.charAt(1));
  }

  /** The command's name: lower case, without the slash and without a {@code @botname} suffix. */
  public static String nameOf(String text) {
    int end = 1;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String name = text.substring(1, end);
    int at = name.indexOf('@');
    if (at >= 0) {
      name = name.substring(0, at);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  /** What follows the command's name, trimmed. */
  public static String argumentsOf(String text) {
    int space = 0;
    while (space < text.length() && !Character.isWhitespace(text.charAt(space))) {
      space++;
    }
    return text.substring(space).strip();
  }

  public Optional<Command> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public List<Command> all() {
    return List.copyOf(byName.values());
  }

  /** The commands as Telegram's menu lists them. */
  public List<BotCommand> menu() {
    return byName.values().stream()
        .map(command -> new BotCommand(command.name(), command.description()))
        .toList();
  }
}
