package org.smartassistant.tgbot.commands;

/**
 * One bot command ({@code /start}, {@code /help}, ...). Its {@link #accept} part runs before the
 * update is confirmed to Telegram and must be quick and durable (publishing to the inbox); the
 * {@link #answer} part runs afterwards, in the chat's order, and talks to the user.
 */
public interface Command {

  /** The name without the slash, lower case. */
  String name();

  /** The line shown in /help and in Telegram's command menu. */
  String description();

  /** The durable part, before the update is confirmed; most commands have none. */
  default void accept(CommandRequest request) throws Exception {}

  /** The answer to the user. */
  void answer(CommandRequest request) throws Exception;
}
