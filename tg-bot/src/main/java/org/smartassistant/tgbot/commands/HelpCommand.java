package org.smartassistant.tgbot.commands;

import org.smartassistant.tgbot.telegram.ChatMessages;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** {@code /help}: what the bot understands. */
@Component
class HelpCommand implements Command {

  private final ObjectProvider<Commands> commands;
  private final ChatMessages messages;

  HelpCommand(ObjectProvider<Commands> commands, ChatMessages messages) {
    this.commands = commands;
    this.messages = messages;
  }

  @Override
  public String name() {
    return "help";
  }

  @Override
  public String description() {
    return "What I can do";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    messages.send(request.chatId(), text(commands.getObject()));
  }

  static String text(Commands commands) {
    StringBuilder text =
        new StringBuilder(
            "Write to me as you would to a secretary: I can set reminders, look at and add to"
                + " your Google Calendar, tell you the time and the weather, and help you write."
                + " Besides text I take voice notes, photos and documents (text, Markdown, CSV,"
                + " PDF).\n\n**Commands**\n");
    for (Command command : commands.all()) {
      text.append("\n/").append(command.name()).append(" — ").append(command.description());
    }
    return text.toString();
  }
}
