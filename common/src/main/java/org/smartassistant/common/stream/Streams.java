package org.smartassistant.common.stream;

/** The Redis stream and consumer-group names of SPEC §3.1, defined once for every service. */
public final class Streams {

  /**
   * User messages and events for the assistant; written by tg-bot, cron-service, calendar-service.
   */
  public static final String INBOX = "assistant:inbox";

  /** Replies and notifications for a chat; written by the assistant, read by tg-bot. */
  public static final String OUTBOX = "assistant:outbox";

  /** Consumer group of the assistant on {@link #INBOX}. */
  public static final String ASSISTANT_GROUP = "assistant";

  /** Consumer group of tg-bot on {@link #OUTBOX}. */
  public static final String TG_BOT_GROUP = "tg-bot";

  private static final String DLQ_SUFFIX = ":dlq";

  private Streams() {}

  /** The dead-letter stream of a stream: {@code <stream>:dlq}. */
  public static String dlq(String stream) {
    return stream + DLQ_SUFFIX;
  }
}
