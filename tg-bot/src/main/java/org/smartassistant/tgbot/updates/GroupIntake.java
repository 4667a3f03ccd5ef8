package org.smartassistant.tgbot.updates;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.tgbot.access.Refusals;
import org.smartassistant.tgbot.commands.Commands;
import org.smartassistant.tgbot.format.StyledText;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.smartassistant.tgbot.groups.BotIdentity;
import org.smartassistant.tgbot.groups.GroupAddress;
import org.smartassistant.tgbot.groups.GroupConversations;
import org.smartassistant.tgbot.groups.GroupProperties;
import org.smartassistant.tgbot.relay.AssistantRelay;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.telegram.ChatUnreachableException;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Takes in what is said in group chats (docs/telegram.md, "Group chats"). The bot answers only what
 * speaks to it ({@link GroupAddress}) and stores nothing else; only in the groups of {@code
 * TELEGRAM_ALLOWED_GROUP_IDS} (elsewhere it says so once and the model never hears of it). The
 * group's conversation belongs to the group ({@link GroupConversations}); each text goes to the
 * assistant with the speaker's name, and the answer is a reply to the message that asked. Commands
 * about a person's own things (reminders, calendar, settings) are sent back to a private chat.
 */
@Component
class GroupIntake {

  private static final Logger log = LoggerFactory.getLogger(GroupIntake.class);

  static final String GROUP_NOT_ALLOWED =
      "Sorry, I only answer in groups my owner has allowed. If I should answer here, ask my owner"
          + " to add this group's id: `%d`.";
  static final String GROUP_HELP =
      "In this group I answer when you mention me (@%s), reply to one of my messages or send a"
          + " command. Everyone here shares one conversation with me; /reset makes me forget it."
          + " For your own reminders, calendar and settings, write to me in a private chat.";
  static final String PRIVATE_ONLY =
      "/%s is about your own things, so it works only in a private chat with me.";
  static final String UNKNOWN_COMMAND =
      "I don't know the command /%s. Send /help to see what I can do here.";

  private final GroupProperties groups;
  private final BotIdentity bot;
  private final GroupConversations conversations;
  private final Refusals refusals;
  private final Commands commands;
  private final AssistantRelay relay;
  private final ChatMessages messages;
  private final TelegramSender sender;

  GroupIntake(
      GroupProperties groups,
      BotIdentity bot,
      GroupConversations conversations,
      Refusals refusals,
      Commands commands,
      AssistantRelay relay,
      ChatMessages messages,
      TelegramSender sender) {
    this.groups = groups;
    this.bot = bot;
    this.conversations = conversations;
    this.refusals = refusals;
    this.commands = commands;
    this.relay = relay;
    this.messages = messages;
    this.sender = sender;
  }

  /** Whether the message was said in a group (or supergroup) rather than a private chat. */
  static boolean inGroup(Message message) {
    return message.getChat() != null
        && (message.getChat().isGroupChat() || message.getChat().isSuperGroupChat());
  }

  /**
   * Takes the group message in.
   *
   * @return what remains to be done after the update is confirmed, or null
   */
  FollowUp accept(int updateId, Message message) {
    User from = message.getFrom();
    if (from == null || Boolean.TRUE.equals(from.getIsBot()) || !message.hasText()) {
      return null;
    }
    long chatId = message.getChatId();
    if (!GroupAddress.speaksTo(message, bot, username())) {
      return null; // not for the bot: neither the model nor the history hears of it
    }
    if (!groups.allows(chatId)) {
      return refuse(chatId, message.getMessageId());
    }
    if (conversations.memberBlocked(from)) {
      log.debug("ignoring blocked user {} in group {}", from.getId(), chatId);
      return null;
    }
    UserDto owner = conversations.ownerOf(message.getChat());
    if (GroupConversations.blocked(owner)) {
      log.debug("ignoring group {}: blocked by the operator", chatId);
      return null;
    }
    AssistantRelay.Source source =
        new AssistantRelay.Source(
            updateId, owner.id(), from.getId(), chatId, message.getMessageId());
    String chatType = message.getChat().getType();
    String text = message.getText();
    if (Commands.isCommand(text)) {
      return command(source, chatType, text);
    }
    relay.groupMessage(source, chatType, speaker(from) + ": " + text);
    log.debug("update {} of group {} is in the inbox", updateId, chatId);
    return () -> sender.typing(chatId);
  }

  private FollowUp command(AssistantRelay.Source source, String chatType, String text) {
    String name = Commands.nameOf(text);
    String answer;
    switch (name) {
      case "reset" -> {
        relay.groupReset(source, chatType);
        return null; // the assistant confirms once the history is gone
      }
      case "start", "help" -> answer = String.format(GROUP_HELP, TelegramMarkdown.escape(name()));
      default -> {
        if (commands.find(name).isEmpty() && GroupAddress.commandAddressee(text) == null) {
          return null; // a bare command the bot does not know may be another bot's
        }
        answer =
            String.format(
                commands.find(name).isPresent() ? PRIVATE_ONLY : UNKNOWN_COMMAND,
                TelegramMarkdown.escape(name));
      }
    }
    return answering(source.chatId(), source.messageId(), answer);
  }

  private FollowUp refuse(long chatId, Integer messageId) {
    // negative chat ids never meet a person's (positive) id among the refusals
    if (!refusals.firstRefusal(chatId, Refusals.Reason.NOT_ALLOWED)) {
      log.debug("ignoring group {}, refused before", chatId);
      return null;
    }
    log.info("refusing group chat {}: not in TELEGRAM_ALLOWED_GROUP_IDS", chatId);
    return answering(chatId, messageId, String.format(GROUP_NOT_ALLOWED, chatId));
  }

  /** Sends the Markdown as a reply; a group the bot may no longer write in is only logged. */
  private FollowUp answering(long chatId, Integer replyTo, String markdown) {
    return () -> {
      try {
        List<StyledText> parts = messages.parts(markdown);
        for (int i = 0; i < parts.size(); i++) {
          sender.send(chatId, parts.get(i), null, i == 0 ? replyTo : null);
        }
      } catch (ChatUnreachableException removed) {
        log.info("the bot cannot write in group {} any more: {}", chatId, removed.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.error("answering in group {} failed", chatId, e);
      }
    };
  }

  private String username() {
    try {
      return bot.username();
    } catch (TelegramApiException e) {
      // mentions by name are missed until Telegram answers; replies and commands still work
      log.warn("could not learn the bot's username from Telegram: {}", e.getMessage());
      return "";
    }
  }

  private String name() {
    String name = username();
    return name.isEmpty() ? "me" : name;
  }

  /** How the speaker is named to the model: first name, else username, else the id. */
  static String speaker(User from) {
    if (from.getFirstName() != null && !from.getFirstName().isBlank()) {
      return from.getFirstName().strip();
    }
    return from.getUserName() != null ? from.getUserName() : "user " + from.getId();
  }
}
