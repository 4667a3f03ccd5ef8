package org.smartassistant.rest.memories;

/**
 * The SQL that reads a user's facts, shared by {@link MemoryRepository} and the turn's read in
 * plain SQL ({@code turns/TurnContextReader}). Parameters: {@code :userId}, {@code :q} (the text to
 * search with) and {@code :limit}.
 */
public final class MemoryQueries {

  /**
   * The words of a text as a full-text query whose words are OR-ed: a question finds the facts that
   * share any word with it, those sharing more ranking higher.
   */
  static final String ANY_WORD =
      "replace(plainto_tsquery('simple', :q)::text, ' & ', ' | ')::tsquery";

  /** The user's newest facts. */
  public static final String NEWEST =
      "select m.* from memories m where m.user_id = :userId order by m.id desc limit :limit";

  /** The facts sharing a word with {@code :q}, most relevant first. */
  static final String SEARCH =
      "select m.* from memories m where m.user_id = :userId"
          + " and to_tsvector('simple', m.content) @@ "
          + ANY_WORD
          + " order by ts_rank(to_tsvector('simple', m.content), "
          + ANY_WORD
          + ") desc, m.id desc limit :limit";

  /**
   * As {@link #SEARCH}, the rest of {@code :limit} filled with the user's other facts, newest
   * first: one query where a search and a read of the newest were two (a user keeps at most {@code
   * MEMORY_MAX_PER_USER} facts, so ordering all of them is cheap).
   */
  public static final String SEARCH_FILLED =
      "select m.* from memories m where m.user_id = :userId"
          + " order by to_tsvector('simple', m.content) @@ "
          + ANY_WORD
          + " desc, ts_rank(to_tsvector('simple', m.content), "
          + ANY_WORD
          + ") desc, m.id desc limit :limit";

  private MemoryQueries() {}
}
