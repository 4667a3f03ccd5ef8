package org.smartassistant.rest.memories;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MemoryRepository extends JpaRepository<Memory, Long> {

  /**
   * The words of a text as a full-text query whose words are OR-ed: a question finds the facts that
   * share any word with it, those sharing more ranking higher.
   */
  String ANY_WORD = "replace(plainto_tsquery('simple', :q)::text, ' & ', ' | ')::tsquery";

  Optional<Memory> findByUserIdAndIdempotencyKey(Long userId, String idempotencyKey);

  Optional<Memory> findByIdAndUserId(Long id, Long userId);

  long countByUserId(Long userId);

  @Query("select m from Memory m where m.userId = :userId order by m.id desc")
  List<Memory> findNewest(long userId, Pageable limit);

  @Query(
      nativeQuery = true,
      value =
          "select m.* from memories m where m.user_id = :userId"
              + " and to_tsvector('simple', m.content) @@ "
              + ANY_WORD
              + " order by ts_rank(to_tsvector('simple', m.content), "
              + ANY_WORD
              + ") desc, m.id desc limit :limit")
  List<Memory> search(long userId, String q, int limit);

  /**
   * As {@link #search}, the rest of {@code limit} filled with the user's other facts, newest first:
   * one query where a search and a read of the newest were two (a user keeps at most {@code
   * MEMORY_MAX_PER_USER} facts, so ordering all of them is cheap).
   */
  @Query(
      nativeQuery = true,
      value =
          "select m.* from memories m where m.user_id = :userId"
              + " order by to_tsvector('simple', m.content) @@ "
              + ANY_WORD
              + " desc, ts_rank(to_tsvector('simple', m.content), "
              + ANY_WORD
              + ") desc, m.id desc limit :limit")
  List<Memory> searchFilled(long userId, String q, int limit);

  @Modifying
  @Query("delete from Memory m where m.userId = :userId")
  int deleteByUser(long userId);
}
