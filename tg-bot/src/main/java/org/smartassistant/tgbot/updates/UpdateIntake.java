package org.smartassistant.tgbot.updates;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.stream.PublishResult;
import org.smartassistant.tgbot.access.AccessPolicy;
import org.smartassistant.tgbot.access.Refusals;
import org.smartassistant.tgbot.commands.Command;
import org.smartassistant.tgbot.commands.CommandRequest;
import org.smartassistant.tgbot.commands.Commands;
import org.smartassistant.tgbot.commands.MemoryCommand;
import org.smartassistant.tgbot.commands.SecretaryChoice;
import org.smartassistant.tgbot.format.TelegramMarkdown;
import org.smartassistant.tgbot.relay.AssistantRelay;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.telegram.ChatTyping;
import org.smartassistant.tgbot.telegram.ChatUnreachableException;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.smartassistant.tgbot.users.BlockedChats;
import org.smartassistant.tgbot.users.KnownUser;
import org.smartassistant.tgbot.users.TelegramUsers;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Decides what one update means and does its durable part: a text, or a voice note, audio file,
 * photo or document (as a {@link MediaReference}, never downloaded here) becomes a {@code
 * user_message} in the inbox, {@code /reset} a {@code conversation_reset}; a user who may not talk
 * to the bot is recorded as refused. What is left (answers to the user) is returned as a {@link
 * FollowUp}. An exception means the update was not taken in and must not be confirmed.
 */
@Component
class UpdateIntake {

  private static final Logger log = LoggerFactory.getLogger(UpdateIntake.class);

  static final String NOT_ALLOWED =
      "Sorry, this assistant is private and you are not on its list of users. If you should be,"
          + " ask its owner to add your Telegram id: `%d`.";
  static final String BLOCKED_BY_OPERATOR =
      "Sorry, your access to this assistant has been paused by its owner.";
  static final String NOT_READABLE =
      "I can read texts, voice notes, photos and documents, but not this kind of message. Please"
          + " write it as text and I'll take care of it.";
  static final String UNKNOWN_COMMAND =
      "I don't know the command /%s. Send /help to see what I can do.";
  static final String APOLOGY = "Sorry, something went wrong on my side. Please try again shortly.";

  private final AccessPolicy access;
  private final Refusals refusals;
  private final TelegramUsers users;
  private final BlockedChats blockedChats;
  private final Commands commands;
  private final SecretaryChoice secretaryChoice;
  private final MemoryCommand memory;
  private final AssistantRelay relay;
  private final ChatMessages messages;
  private final TelegramSender sender;
  private final ChatTyping typing;
  private final GroupIntake groups;

  UpdateIntake(
      AccessPolicy access,
      Refusals refusals,
      TelegramUsers users,
      BlockedChats blockedChats,
      Commands commands,
      SecretaryChoice secretaryChoice,
      MemoryCommand memory,
      AssistantRelay relay,
      ChatMessages messages,
      TelegramSender sender,
      ChatTyping typing,
      GroupIntake groups) {
    this.typing = typing;
    this.groups = groups;
    this.access = access;
    this.refusals = refusals;
    this.users = users;
    this.blockedChats = blockedChats;
    this.commands = commands;
    this.secretaryChoice = secretaryChoice;
    this.memory = memory;
    this.relay = relay;
    this.messages = messages;
    this.sender = sender;
  }

  /** The chat an update belongs to (its lane), or empty for updates the bot ignores. */
  static Optional<Long> chatOf(Update update) {
    if (update.hasMessage() && update.getMessage().getChatId() != null) {
      return Optional.of(update.getMessage().getChatId());
    }
    if (update.hasCallbackQuery()
        && update.getCallbackQuery().getMessage() != null
        && update.getCallbackQuery().getMessage().getChatId() != null) {
      return Optional.of(update.getCallbackQuery().getMessage().getChatId());
    }
    return Optional.empty();
  }

  /**
   * Takes the update in.
   *
   * @return what remains to be done after the update is confirmed, or null
   */
  FollowUp accept(Update update) throws Exception {
    if (update.hasMessage() && GroupIntake.inGroup(update.getMessage())) {
      return groups.accept(update.getUpdateId(), update.getMessage());
    }
    if (update.hasMessage()) {
      return message(update.getUpdateId(), update.getMessage());
    }
    if (update.hasCallbackQuery()
        && update.getCallbackQuery().getMessage() != null
        && update.getCallbackQuery().getMessage().getChatId() < 0) {
      return null; // the bot puts no buttons in groups
    }
    if (update.hasCallbackQuery()) {
      return callback(update.getCallbackQuery());
    }
    return null;
  }

  /** A short apology for an update that could not be taken in. */
  FollowUp apology(long chatId) {
    return guarded(chatId, null, () -> messages.send(chatId, APOLOGY));
  }

  private FollowUp message(int updateId, Message message) throws Exception {
    User from = message.getFrom();
    long chatId = message.getChatId();
    if (from == null || Boolean.TRUE.equals(from.getIsBot())) {
      return null;
    }
    if (!access.allows(from.getId())) {
      return refuse(chatId, from, Refusals.Reason.NOT_ALLOWED);
    }
    Optional<MediaReference> media = MediaReference.of(message);
    if (!message.hasText() && media.isEmpty()) {
      return nonText(message)
          ? guarded(chatId, null, () -> messages.send(chatId, NOT_READABLE))
          : null;
    }
    KnownUser user = blockedChats.userReturned(chatId, users.resolve(from));
    if (user.blocked()) {
      return refuse(chatId, from, Refusals.Reason.BLOCKED_BY_OPERATOR);
    }
    FollowUp followUp = takeIn(updateId, message, chatId, from, user, media);
    // the chat's bot-blocked mark is lifted after the intake, so that the message does not wait
    return () -> {
      blockedChats.lift(chatId);
      followUp.run();
    };
  }

  private FollowUp takeIn(
      int updateId,
      Message message,
      long chatId,
      User from,
      KnownUser user,
      Optional<MediaReference> media)
      throws Exception {
    if (media.isPresent()) {
      PublishResult added =
          relay.userMessage(
              new AssistantRelay.Source(
                  updateId, user.id(), from.getId(), chatId, message.getMessageId()),
              message.getCaption(),
              media.get().attrs());
      log.debug("file of update {} (chat {}) is in the inbox as {}", updateId, chatId, added);
      return () -> sender.typing(chatId);
    }
    String text = message.getText();
    if (Commands.isCommand(text)) {
      return command(updateId, chatId, from, user, text, message.getMessageId());
    }
    typing.expect(chatId); // before the inbox: an answer may come before the follow-up runs
    PublishResult added =
        relay.userMessage(
            new AssistantRelay.Source(
                updateId, user.id(), from.getId(), chatId, message.getMessageId()),
            text);
    log.debug("update {} of chat {} is in the inbox as {}", updateId, chatId, added.recordId());
    return () -> typing.start(chatId);
  }

  private FollowUp command(
      int updateId, long chatId, User from, KnownUser user, String text, Integer messageId)
      throws Exception {
    String name = Commands.nameOf(text);
    Optional<Command> command = commands.find(name);
    if (command.isEmpty()) {
      String answer = String.format(UNKNOWN_COMMAND, TelegramMarkdown.escape(name));
      return guarded(chatId, user, () -> messages.send(chatId, answer));
    }
    CommandRequest request =
        new CommandRequest(updateId, chatId, from, user, Commands.argumentsOf(text), messageId);
    command.get().accept(request);
    log.debug("command /{} from user {}", name, user.id());
    return guarded(chatId, user, () -> command.get().answer(request));
  }

  private FollowUp callback(CallbackQuery query) {
    User from = query.getFrom();
    if (query.getMessage() == null || from == null) {
      return null;
    }
    long chatId = query.getMessage().getChatId();
    if (!access.allows(from.getId())) {
      return guarded(chatId, null, () -> sender.answerCallback(chatId, query.getId(), null));
    }
    return guarded(
        chatId,
        null,
        () -> {
          KnownUser user = blockedChats.userReturned(chatId, users.resolve(from));
          if (user.blocked()) {
            sender.answerCallback(chatId, query.getId(), null);
            return;
          }
          blockedChats.lift(chatId);
          if (secretaryChoice.handles(query.getData())) {
            secretaryChoice.chosen(query, user);
          } else if (memory.handles(query.getData())) {
            memory.pressed(query, user);
          } else {
            sender.answerCallback(chatId, query.getId(), null);
          }
        });
  }

  private FollowUp refuse(long chatId, User from, Refusals.Reason reason) {
    if (!refusals.firstRefusal(from.getId(), reason)) {
      log.debug("ignoring Telegram user {} ({}), refused before", from.getId(), reason);
      return null;
    }
    log.info("refusing Telegram user {} ({})", from.getId(), reason);
    String text =
        reason == Refusals.Reason.NOT_ALLOWED
            ? String.format(NOT_ALLOWED, from.getId())
            : BLOCKED_BY_OPERATOR;
    return guarded(chatId, null, () -> messages.send(chatId, text));
  }

  /** Stickers, videos, locations and the like: content the bot cannot read. */
  private static boolean nonText(Message message) {
    return message.hasVoice()
        || message.hasPhoto()
        || message.hasSticker()
        || message.hasDocument()
        || message.hasVideo()
        || message.hasAudio()
        || message.hasAnimation()
        || message.hasVideoNote()
        || message.hasLocation()
        || message.hasContact()
        || message.hasPoll()
        || message.hasDice();
  }

  /**
   * A follow-up that handles its own failures: a user who blocked the bot is marked, anything else
   * is logged with one apology attempt, so a follow-up never disturbs other chats.
   */
  private FollowUp guarded(long chatId, KnownUser user, FollowUp work) {
    return () -> {
      try {
        work.run();
      } catch (ChatUnreachableException blocked) {
        blockedChats.markBlocked(chatId, user == null ? null : user.id());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.error("answering in chat {} failed", chatId, e);
        try {
          messages.send(chatId, APOLOGY);
        } catch (Exception apologyFailed) {
          log.warn("could not apologise in chat {}: {}", chatId, apologyFailed.getMessage());
        }
      }
    };
  }
}
