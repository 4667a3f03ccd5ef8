package org.smartassistant.tgbot.groups;

import java.util.Locale;
import org.telegram.telegrambots.meta.api.objects.MessageEntity;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Whether a group message speaks to the bot: it mentions the bot ({@code @botname}, or a {@code
 * text_mention} of the bot), replies to one of the bot's messages, or is a command ({@code /cmd} or
 * {@code /cmd@botname}; a command for another bot, {@code /cmd@otherbot}, is not for this one).
 * Everything else said in a group is none of the bot's business.
 */
public final class GroupAddress {

  private GroupAddress() {}

  /** Whether the text message speaks to the bot {@code username} (no {@code @}). */
  public static boolean speaksTo(Message message, BotIdentity bot, String username) {
    String text = message.getText();
    if (text == null) {
      return false;
    }
    if (isCommand(text)) {
      String addressee = commandAddressee(text);
      return addressee == null || addressee.equalsIgnoreCase(username);
    }
    if (message.getReplyToMessage() != null && bot.is(message.getReplyToMessage().getFrom())) {
      return true;
    }
    if (message.getEntities() == null) {
      return false;
    }
    for (MessageEntity entity : message.getEntities()) {
      if ("text_mention".equals(entity.getType()) && bot.is(entity.getUser())) {
        return true;
      }
      if ("mention".equals(entity.getType()) && !username.isEmpty()) {
        String mention = entity.getText() != null ? entity.getText() : slice(text, entity);
        if (mention.equalsIgnoreCase("@" + username)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A text that starts with a slash followed by a letter. */
  static boolean isCommand(String text) {
    return text.length() > 1 && text.charAt(0) == '/' && Character.isLetter(text.charAt(1));
  }

  /** The bot named after the command's {@code @}, lower case, or null for a bare command. */
  public static String commandAddressee(String text) {
    int end = 1;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    int at = text.indexOf('@', 1);
    return at < 0 || at >= end ? null : text.substring(at + 1, end).toLowerCase(Locale.ROOT);
  }

  // entity offsets count UTF-16 code units, as Java strings do
  private static String slice(String text, MessageEntity entity) {
    int from = entity.getOffset() == null ? 0 : entity.getOffset();
    int to = from + (entity.getLength() == null ? 0 : entity.getLength());
    return from < 0 || to > text.length() || from > to ? "" : text.substring(from, to);
  }
}
