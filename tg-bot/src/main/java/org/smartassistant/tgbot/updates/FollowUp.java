package org.smartassistant.tgbot.updates;

/**
 * What remains to do for an update after it is taken in (answers to the user): runs after the
 * update is confirmed to Telegram, in the chat's order, so it never holds up the polling.
 */
@FunctionalInterface
interface FollowUp {

  void run() throws Exception;
}
