package org.smartassistant.rest.reminders;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.ReminderStatus;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

interface ReminderRepository
    extends JpaRepository<Reminder, UUID>, JpaSpecificationExecutor<Reminder> {

  List<Reminder> findByCalendarRuleId(UUID calendarRuleId);

  long countByUserIdAndStatus(Long userId, ReminderStatus status);

  Optional<Reminder> findByUserIdAndIdempotencyKey(Long userId, String idempotencyKey);

  @Query("select r from Reminder r where r.status = :status order by r.id")
  List<Reminder> findFirstPage(ReminderStatus status, Pageable limit);

  @Query("select r from Reminder r where r.status = :status and r.id > :after order by r.id")
  List<Reminder> findPageAfter(ReminderStatus status, UUID after, Pageable limit);
}
