package org.smartassistant.rest.reminders;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface ReminderRunRepository extends JpaRepository<ReminderRun, Long> {

  boolean existsByReminderIdAndScheduledFor(UUID reminderId, Instant scheduledFor);

  Page<ReminderRun> findByReminderId(UUID reminderId, Pageable pageable);
}
