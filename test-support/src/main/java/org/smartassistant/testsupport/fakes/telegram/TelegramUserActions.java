package org.smartassistant.testsupport.fakes.telegram;

/**
 * What the users of a {@link FakeTelegramBotApi} do: texts, commands, button presses, files and
 * group messages pushed into its {@code getUpdates} queue, and updates posted to the bot's webhook.
 */
public abstract class TelegramUserActions {

  private final UserUpdates userUpdates;
  private final TelegramUpdates updates;
  private final TextUpdates texts;
  private final TelegramWebhookPoster webhook;

  TelegramUserActions(
      UserUpdates userUpdates,
      TelegramUpdates updates,
      TextUpdates texts,
      TelegramWebhookPoster webhook) {
    this.userUpdates = userUpdates;
    this.updates = updates;
    this.texts = texts;
    this.webhook = webhook;
  }

  /** A private-chat text message from the user; returns its update_id. */
  public int pushTextMessage(long userId, String text) {
    return pushTextMessage(userId, userId, text, null, null);
  }

  /** A private-chat text message from a user with these names (null keeps earlier ones). */
  public int pushTextMessage(long userId, String text, String username, String firstName) {
    return pushTextMessage(userId, userId, text, username, firstName);
  }

  /**
   * A text message in the chat from the user; a text starting with {@code /} carries a {@code
   * bot_command} entity, as Telegram adds one.
   */
  public int pushTextMessage(
      long chatId, long userId, String text, String username, String firstName) {
    return userUpdates.pushTextMessage(chatId, userId, text, username, firstName);
  }

  /** A command such as {@code "/start"} or {@code "/timezone Europe/Berlin"} in a private chat. */
  public int pushCommand(long userId, String command) {
    return pushTextMessage(userId, command.startsWith("/") ? command : "/" + command);
  }

  /** The bot's username (without {@code @}), as getMe tells it. */
  public String botUsername() {
    return TelegramObjects.BOT_USERNAME;
  }

  /**
   * A text message from the user in a supergroup (negative {@code chatId}), with the entities
   * Telegram adds: {@code mention} for each {@code @username}, {@code bot_command} for a leading
   * command. Returns its update_id.
   */
  public int pushGroupMessage(long chatId, long userId, String text) {
    return pushGroupMessage(chatId, "supergroup", userId, text, null);
  }

  /**
   * A text message from the user in a group chat of the type ({@code group} or {@code supergroup});
   * {@code replyTo} is the id of the bot's message it replies to (null: none).
   */
  public int pushGroupMessage(
      long chatId, String chatType, long userId, String text, Integer replyTo) {
    return updates.push(texts.groupText(chatId, chatType, userId, text, replyTo));
  }

  /** The user replies in the supergroup to the bot's message {@code botMessageId}. */
  public int pushGroupReply(long chatId, long userId, String text, int botMessageId) {
    return pushGroupMessage(chatId, "supergroup", userId, text, botMessageId);
  }

  /**
   * The URL of the webhook the bot set (last setWebhook, not deleted since; kept across {@link
   * FakeTelegramBotApi#reset()}), or null.
   */
  public String webhookUrl() {
    return webhook.url();
  }

  /** The secret_token of the webhook the bot set, or null. */
  public String webhookSecret() {
    return webhook.secret();
  }

  /**
   * Posts a private-chat text message of the user to the bot's webhook as Telegram does, with the
   * secret the bot set; returns the HTTP status the bot answered.
   */
  public int postTextMessageToWebhook(long userId, String text) {
    return postTextMessageToWebhook(userId, text, webhookSecret());
  }

  /**
   * As {@link #postTextMessageToWebhook(long, String)} with the given secret header (null: none),
   * e.g. a forged request.
   */
  public int postTextMessageToWebhook(long userId, String text, String secret) {
    return webhook.post(texts.privateText(userId, text), secret);
  }

  /** A press on an inline keyboard button under the bot's message {@code messageId}. */
  public int pushCallbackQuery(long userId, long chatId, String data, int messageId) {
    return userUpdates.pushCallbackQuery(userId, chatId, data, messageId);
  }

  /** A voice message, photo, sticker or document (no text) in the user's private chat. */
  public int pushNonText(long userId, NonTextKind kind) {
    return userUpdates.pushNonText(userId, kind);
  }

  /**
   * A voice note, audio file, photo or document from the user with a file the bot can fetch ({@code
   * getFile}, then {@code /file/bot<token>/<file_path>}); {@code size} is what Telegram announces
   * and may exceed the content to stand for a big file (over 20 MB getFile answers "Bad Request:
   * file is too big"). Null name, MIME type and caption are left out. Returns the update_id.
   */
  public int pushFile(
      long userId,
      MediaKind kind,
      byte[] content,
      long size,
      String fileName,
      String mimeType,
      String caption) {
    return userUpdates.pushFile(userId, kind, content, size, fileName, mimeType, caption);
  }

  /** A voice note (OGG/Opus as Telegram records them) with this content. */
  public int pushVoice(long userId, byte[] content) {
    return pushFile(userId, MediaKind.VOICE, content, content.length, null, "audio/ogg", null);
  }

  /** A photo with this (JPEG) content and caption (or null). */
  public int pushPhoto(long userId, byte[] content, String caption) {
    return pushFile(userId, MediaKind.PHOTO, content, content.length, null, null, caption);
  }

  /** A document with this content, name, MIME type and caption (or null). */
  public int pushDocument(
      long userId, byte[] content, String fileName, String mimeType, String caption) {
    return pushFile(
        userId, MediaKind.DOCUMENT, content, content.length, fileName, mimeType, caption);
  }

  /**
   * Any update as JSON (an object with e.g. {@code "message"} or {@code "edited_message"}); its
   * {@code update_id} is replaced by the next one, so updates stay in order. Returns that id.
   */
  public int pushRawUpdate(String updateJson) {
    return userUpdates.pushRawUpdate(updateJson);
  }
}
