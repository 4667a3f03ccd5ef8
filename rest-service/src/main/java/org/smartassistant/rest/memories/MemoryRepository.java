package org.smartassistant.rest.memories;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

interface MemoryRepository extends JpaRepository<Memory, Long> {

  Optional<Memory> findByUserIdAndIdempotencyKey(Long userId, String idempotencyKey);

  Optional<Memory> findByIdAndUserId(Long id, Long userId);

  long countByUserId(Long userId);

  @Query(nativeQuery = true, value = MemoryQueries.NEWEST)
  List<Memory> findNewest(long userId, int limit);

  @Query(nativeQuery = true, value = MemoryQueries.SEARCH)
  List<Memory> search(long userId, String q, int limit);

  /** {@link MemoryQueries#SEARCH_FILLED}. */
  @Query(nativeQuery = true, value = MemoryQueries.SEARCH_FILLED)
  List<Memory> searchFilled(long userId, String q, int limit);

  @Modifying
  @Query("delete from Memory m where m.userId = :userId")
  int deleteByUser(long userId);
}
