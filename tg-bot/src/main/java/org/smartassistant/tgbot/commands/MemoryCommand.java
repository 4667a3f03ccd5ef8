package org.smartassistant.tgbot.commands;

import java.util.List;
import java.util.Locale;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.smartassistant.tgbot.users.KnownUser;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * {@code /memory}: what the assistant keeps about the user, numbered, newest first, with a button
 * to forget each; {@code /memory delete N} forgets the N-th. A button carries the fact's id, and
 * rest-service forgets it only for the user who pressed it.
 */
@Component
public class MemoryCommand implements Command {

  /** Callback data of a button: the prefix and the fact's id. */
  static final String CALLBACK_PREFIX = "memory:forget:";

  static final int SHOWN = 50;
  private static final int BUTTONS_PER_ROW = 5;

  private final RestServiceClient rest;
  private final ChatMessages messages;
  private final TelegramSender sender;

  MemoryCommand(RestServiceClient rest, ChatMessages messages, TelegramSender sender) {
    this.rest = rest;
    this.messages = messages;
    this.sender = sender;
  }

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public String description() {
    return "What I remember about you (and forget one)";
  }

  @Override
  public void answer(CommandRequest request) throws InterruptedException {
    long userId = request.user().id();
    List<MemoryDto> facts = rest.memories(userId, null, SHOWN);
    String[] words = request.arguments().toLowerCase(Locale.ROOT).split("\\s+");
    if (words[0].isEmpty()) {
      list(request.chatId(), facts);
    } else if (words.length == 2 && (words[0].equals("delete") || words[0].equals("forget"))) {
      forgetNumber(request.chatId(), userId, facts, words[1]);
    } else {
      messages.send(
          request.chatId(),
          "Send /memory to see what I remember about you, or /memory delete 2 to forget the"
              + " second fact.");
    }
  }

  private void list(long chatId, List<MemoryDto> facts) throws InterruptedException {
    if (facts.isEmpty()) {
      messages.send(
          chatId,
          "I don't remember anything about you yet. Tell me what to keep, e.g. “remember that my"
              + " daughter is Mia”.");
      return;
    }
    messages.send(chatId, text(facts), keyboard(facts));
  }

  static String text(List<MemoryDto> facts) {
    StringBuilder text = new StringBuilder("**What I remember about you**\n");
    for (int i = 0; i < facts.size(); i++) {
      text.append('\n')
          .append(i + 1)
          .append(". ")
          .append(TelegramMarkdown.escape(facts.get(i).content()));
    }
    text.append("\n\nPress a number to forget that fact, or send /forget\\_all to forget all.");
    return text.toString();
  }

  private static InlineKeyboardMarkup keyboard(List<MemoryDto> facts) {
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> keyboard =
        InlineKeyboardMarkup.builder();
    InlineKeyboardRow row = new InlineKeyboardRow();
    for (int i = 0; i < facts.size(); i++) {
      row.add(
          InlineKeyboardButton.builder()
              .text("✕ " + (i + 1))
              .callbackData(CALLBACK_PREFIX + facts.get(i).id())
              .build());
      if (row.size() == BUTTONS_PER_ROW || i == facts.size() - 1) {
        keyboard.keyboardRow(row);
        row = new InlineKeyboardRow();
      }
    }
    return keyboard.build();
  }

  private void forgetNumber(long chatId, long userId, List<MemoryDto> facts, String number)
      throws InterruptedException {
    int n;
    try {
      n = Integer.parseInt(number);
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1 || n > facts.size()) {
      messages.send(
          chatId, "There is no fact number " + number + ". Send /memory to see the numbers.");
      return;
    }
    MemoryDto fact = facts.get(n - 1);
    try {
      rest.forgetMemory(userId, fact.id());
    } catch (HttpClientErrorException.NotFound gone) {
      // forgotten meanwhile: the outcome the user asked for
    }
    messages.send(chatId, "Forgotten: " + TelegramMarkdown.escape(fact.content()));
  }

  /** Whether a button press belongs here. */
  public boolean handles(String callbackData) {
    return callbackData != null && callbackData.startsWith(CALLBACK_PREFIX);
  }

  /** A forget button was pressed: forgets the fact and shows what is left. */
  public void pressed(CallbackQuery query, KnownUser user) throws InterruptedException {
    long chatId = query.getMessage().getChatId();
    long id;
    try {
      id = Long.parseLong(query.getData().substring(CALLBACK_PREFIX.length()));
    } catch (NumberFormatException malformed) {
      sender.answerCallback(chatId, query.getId(), "That button no longer works.");
      return;
    }
    try {
      rest.forgetMemory(user.id(), id);
      sender.answerCallback(chatId, query.getId(), "Forgotten.");
    } catch (HttpClientErrorException.NotFound gone) {
      sender.answerCallback(chatId, query.getId(), "That fact is already forgotten.");
    }
    list(chatId, rest.memories(user.id(), null, SHOWN));
  }
}
