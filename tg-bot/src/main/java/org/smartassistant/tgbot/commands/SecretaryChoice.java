package org.smartassistant.tgbot.commands;

import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.SetSecretaryRequest;
import org.smartassistant.common.api.UserSecretaryDto;
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
 * The choice of the user's secretary (for /start): offers the active secretaries as inline buttons
 * when there are several, records the choice in rest-service when a button is pressed, and sends
 * the chosen secretary's startup message.
 */
@Component
public class SecretaryChoice {

  private static final Logger log = LoggerFactory.getLogger(SecretaryChoice.class);

  /** Callback data of a button: the prefix and the assistant id (46 bytes, under Telegram's 64). */
  static final String CALLBACK_PREFIX = "secretary:";

  private static final int MAX_OFFERED = 20;

  private final RestServiceClient rest;
  private final ChatMessages messages;
  private final TelegramSender sender;

  SecretaryChoice(RestServiceClient rest, ChatMessages messages, TelegramSender sender) {
    this.rest = rest;
    this.messages = messages;
    this.sender = sender;
  }

  /**
   * Greets the user: a choice of secretaries when there are several, else the startup message of
   * the user's secretary.
   */
  void greet(long chatId, KnownUser user) throws InterruptedException {
    List<AssistantDto> secretaries = rest.secretaries(0, MAX_OFFERED).items();
    if (secretaries.size() > 1) {
      offer(chatId, secretaries);
      return;
    }
    AssistantDto secretary = null;
    try {
      UserSecretaryDto assigned = rest.userSecretary(user.id());
      secretary = assigned.assistant();
    } catch (HttpClientErrorException.NotFound none) {
      log.warn("no secretary is configured for user {}: greeting without one", user.id());
    }
    messages.send(chatId, startupMessage(secretary));
  }

  private void offer(long chatId, List<AssistantDto> secretaries) throws InterruptedException {
    StringBuilder text =
        new StringBuilder("Who would you like to talk to? Choose your secretary:\n");
    InlineKeyboardMarkup.InlineKeyboardMarkupBuilder<?, ?> keyboard =
        InlineKeyboardMarkup.builder();
    for (AssistantDto secretary : secretaries) {
      text.append("\n• **").append(TelegramMarkdown.escape(secretary.name())).append("**");
      if (secretary.description() != null && !secretary.description().isBlank()) {
        text.append(" — ").append(TelegramMarkdown.escape(secretary.description()));
      }
      keyboard.keyboardRow(
          new InlineKeyboardRow(
              InlineKeyboardButton.builder()
                  .text(secretary.name())
                  .callbackData(CALLBACK_PREFIX + secretary.id())
                  .build()));
    }
    messages.send(chatId, text.toString(), keyboard.build());
  }

  /** Whether a button press belongs here. */
  public boolean handles(String callbackData) {
    return callbackData != null && callbackData.startsWith(CALLBACK_PREFIX);
  }

  /** A secretary button was pressed. */
  public void chosen(CallbackQuery query, KnownUser user) throws InterruptedException {
    long chatId = query.getMessage().getChatId();
    UUID assistantId;
    try {
      assistantId = UUID.fromString(query.getData().substring(CALLBACK_PREFIX.length()));
    } catch (IllegalArgumentException malformed) {
      sender.answerCallback(chatId, query.getId(), "That button no longer works.");
      return;
    }
    AssistantDto secretary;
    try {
      secretary =
          rest.setUserSecretary(user.id(), new SetSecretaryRequest(assistantId)).assistant();
    } catch (HttpClientErrorException.BadRequest | HttpClientErrorException.NotFound gone) {
      sender.answerCallback(
          chatId, query.getId(), "That secretary is no longer available. Send /start to choose.");
      return;
    }
    sender.answerCallback(chatId, query.getId(), secretary.name());
    messages.edit(
        chatId,
        query.getMessage().getMessageId(),
        "Your secretary: **" + TelegramMarkdown.escape(secretary.name()) + "**");
    messages.send(chatId, startupMessage(secretary));
  }

  /** The secretary's startup message (operator-written Markdown), or a plain greeting. */
  static String startupMessage(AssistantDto secretary) {
    if (secretary == null) {
      return "Hello! Write to me whenever you need something.";
    }
    if (secretary.startupMessage() != null && !secretary.startupMessage().isBlank()) {
      return secretary.startupMessage();
    }
    return "Hello! I'm **"
        + TelegramMarkdown.escape(secretary.name())
        + "**. Write to me whenever you need something.";
  }
}
