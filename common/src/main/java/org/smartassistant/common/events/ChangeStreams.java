package org.smartassistant.common.events;

/**
 * Where rest-service publishes its change events: one Redis stream per {@link ChangeKind} ({@code
 * changes:assistant}, {@code changes:tool}, {@code changes:assistant_tool}, {@code
 * changes:secretary}, {@code changes:reminder}, {@code changes:user}, {@code changes:settings}),
 * trimmed to about {@link #MAX_LENGTH} entries. A stream rather than pub/sub so that a listener
 * that was down reads what it missed (with a consumer group, from where it stopped).
 */
public final class ChangeStreams {

  /** Prefix of every change stream. */
  public static final String PREFIX = "changes:";

  /** Approximate number of entries kept per stream (XADD MAXLEN ~). */
  public static final long MAX_LENGTH = 10_000;

  /**
   * The consumer group of cron-service on {@code changes:reminder}. (The assistant's caches read
   * without a group: every instance must see every event.)
   */
  public static final String CRON_GROUP = "cron-service";

  private ChangeStreams() {}

  /** The stream of a kind, e.g. {@code changes:reminder}. */
  public static String of(ChangeKind kind) {
    return kind.stream();
  }
}
