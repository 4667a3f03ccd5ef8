package org.smartassistant.rest.reminders;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

interface CalendarRuleRepository extends JpaRepository<CalendarRule, UUID> {

  List<CalendarRule> findByUserIdOrderByCreatedAt(Long userId);

  Optional<CalendarRule> findByIdAndUserId(UUID id, Long userId);

  /** The rule, its row locked until the transaction ends: one sync of a rule at a time. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select r from CalendarRule r where r.id = :id")
  Optional<CalendarRule> lockById(UUID id);

  @Query("select r from CalendarRule r order by r.id")
  List<CalendarRule> findFirstPage(Pageable limit);

  @Query("select r from CalendarRule r where r.id > :after order by r.id")
  List<CalendarRule> findPageAfter(UUID after, Pageable limit);
}
