package org.smartassistant.tgbot.commands;

import org.smartassistant.tgbot.relay.AssistantRelay;
import org.smartassistant.tgbot.users.KnownUser;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * A command as the user sent it.
 *
 * @param updateId the Telegram update that carried it
 * @param chatId the chat to answer in
 * @param from the Telegram user
 * @param user the rest-service user (registered on first contact)
 * @param arguments what follows the command, trimmed ("" when nothing)
 * @param messageId the Telegram message id of the command
 */
public record CommandRequest(
    int updateId, long chatId, User from, KnownUser user, String arguments, Integer messageId) {

  /** Where an envelope published for this command comes from. */
  public AssistantRelay.Source source() {
    return new AssistantRelay.Source(updateId, user.id(), from.getId(), chatId, messageId);
  }
}
