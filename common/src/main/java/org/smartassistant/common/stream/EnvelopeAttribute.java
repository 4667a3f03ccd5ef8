package org.smartassistant.common.stream;

/**
 * The names of the {@code attrs} envelopes carry: the one list every producer and consumer uses, so
 * that a name is spelled once. What each means is in docs/streams.md ("Envelope attributes"); the
 * attributes of a {@code reminder_triggered} are read and written as a whole by {@link
 * ReminderTriggered}.
 */
public enum EnvelopeAttribute {
  /** Outbox envelopes: the id of the inbox envelope answered. */
  IN_REPLY_TO("inReplyTo"),
  /**
   * Outbox envelopes: the type of the inbox envelope answered (e.g. {@code user_message}). tg-bot
   * sends an answer to a user's message without first asking whether the chat blocked the bot.
   */
  IN_REPLY_TO_TYPE("inReplyToType"),
  /**
   * {@code user_message}, {@code conversation_reset}: the Telegram message id, when there is one.
   */
  TELEGRAM_MESSAGE_ID("telegramMessageId"),
  /** {@code user_message}, {@code conversation_reset}: the sender's Telegram user id. */
  TELEGRAM_USER_ID("telegramUserId"),
  /**
   * {@code user_message}, {@code conversation_reset} from a group: the chat's type ({@code group}
   * or {@code supergroup}); absent for a private chat. The envelope's {@code userId} is then the
   * group's conversation and {@code telegramUserId} the member who spoke.
   */
  TELEGRAM_CHAT_TYPE("telegramChatType"),
  /** {@code reminder_triggered} and the notification telling it: the reminder's id. */
  REMINDER_ID("reminderId"),
  /** {@code reminder_triggered} and its notification: when the reminder was due, an instant. */
  SCHEDULED_FOR("scheduledFor"),
  /** {@code reminder_triggered}: the reminder's text (also the envelope's {@code text}). */
  REMINDER_TEXT("text"),
  /** {@code reminder_triggered} and its notification: the {@link ReminderTiming}. */
  REMINDER_STATUS("status"),
  /**
   * {@code reminder_triggered}: {@code true} when the status is late or missed. The same fact as
   * the status, still written for readers that know only this flag; the status decides.
   */
  REMINDER_LATE("late"),
  /** {@code reminder_triggered}: {@code one_time} or {@code recurring}. */
  REMINDER_TYPE("type"),
  /** {@code reminder_triggered}: the reminder's time zone, to say the due time in local time. */
  REMINDER_TIMEZONE("timezone"),
  /**
   * {@code user_message} with a file (tg-bot): {@code voice}, {@code audio}, {@code photo} or
   * {@code document}; the envelope's text is the caption, if any. The assistant fetches the file.
   */
  MEDIA_KIND("media"),
  /** {@code user_message} with a file: Telegram's {@code file_id}, to fetch it through tg-bot. */
  TELEGRAM_FILE_ID("telegramFileId"),
  /** {@code user_message} with a file: its size in bytes as Telegram announced it, if known. */
  FILE_SIZE("fileSize"),
  /** {@code user_message} with a file: its MIME type as Telegram announced it, if known. */
  FILE_MIME_TYPE("mimeType"),
  /** {@code user_message} with a document or audio file: its file name, if known. */
  FILE_NAME("fileName"),
  /**
   * On an envelope put back on its stream from the dead-letter stream: the dead-letter entry's id
   * (its answers are keyed apart from the apology sent when it was dead-lettered).
   */
  REPLAY_OF("replayOf");

  private final String wireName;

  EnvelopeAttribute(String wireName) {
    this.wireName = wireName;
  }

  /** The key in {@code attrs}. */
  public String wireName() {
    return wireName;
  }
}
