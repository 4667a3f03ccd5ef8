package org.smartassistant.tgbot.telegram;

import java.util.List;
import org.smartassistant.tgbot.format.MessageSplitter;
import org.smartassistant.tgbot.format.StyledText;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ReplyKeyboard;

/** Sends Markdown to a chat: rendered as Telegram HTML and split into messages Telegram accepts. */
@Component
public class ChatMessages {

  private final TelegramMarkdown markdown;
  private final MessageSplitter splitter;
  private final TelegramSender sender;

  ChatMessages(TelegramMarkdown markdown, MessageSplitter splitter, TelegramSender sender) {
    this.markdown = markdown;
    this.splitter = splitter;
    this.sender = sender;
  }

  /** The messages the Markdown becomes, in order; none for a blank text. */
  public List<StyledText> parts(String text) {
    return splitter.split(markdown.render(text));
  }

  /** Sends the Markdown as one or more messages. */
  public void send(long chatId, String text) throws InterruptedException {
    send(chatId, text, null);
  }

  /**
   * Sends the Markdown as one or more messages, the keyboard under the last one.
   *
   * @return the last message sent, or null when the text was blank
   */
  public Message send(long chatId, String text, ReplyKeyboard keyboard)
      throws InterruptedException {
    List<StyledText> parts = parts(text);
    Message last = null;
    for (int i = 0; i < parts.size(); i++) {
      last = sender.send(chatId, parts.get(i), i == parts.size() - 1 ? keyboard : null);
    }
    return last;
  }

  /** Replaces the text of a message the bot sent (the first part only, if it is long). */
  public void edit(long chatId, int messageId, String text) throws InterruptedException {
    List<StyledText> parts = parts(text);
    if (!parts.isEmpty()) {
      sender.edit(chatId, messageId, parts.get(0));
    }
  }
}
