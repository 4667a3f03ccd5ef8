package org.smartassistant.rest.reminders;

import java.util.List;
import java.util.UUID;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.api.ScheduledRemindersPage;
import org.smartassistant.rest.web.NotFoundException;
import org.smartassistant.rest.web.Paging;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading reminders: one, a filtered page, and the active ones cron-service schedules. */
@Service
public class ReminderQueries {

  private final ReminderRepository reminders;

  ReminderQueries(ReminderRepository reminders) {
    this.reminders = reminders;
  }

  @Transactional(readOnly = true)
  ReminderDto get(UUID id) {
    return reminders.findById(id).orElseThrow(() -> new NotFoundException("reminder", id)).toDto();
  }

  @Transactional(readOnly = true)
  public PageDto<ReminderDto> list(
      Long userId, ReminderStatus status, ReminderType type, UUID assistantId, int page, int size) {
    Specification<Reminder> filter = (root, query, cb) -> cb.conjunction();
    if (userId != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("userId"), userId));
    }
    if (status != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("status"), status));
    }
    if (type != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("type"), type));
    }
    if (assistantId != null) {
      filter = filter.and((root, query, cb) -> cb.equal(root.get("assistantId"), assistantId));
    }
    return Paging.toDto(
        reminders.findAll(filter, Paging.of(page, size, Sort.by("createdAt", "id"))),
        Reminder::toDto);
  }

  /**
   * Active reminders ordered by id after the cursor. Keyset paging: a page never repeats or skips a
   * reminder that stays active while the client pages through.
   */
  @Transactional(readOnly = true)
  ScheduledRemindersPage scheduled(UUID after, int size) {
    PageRequest limit = PageRequest.of(0, size + 1);
    List<Reminder> found =
        after == null
            ? reminders.findFirstPage(ReminderStatus.ACTIVE, limit)
            : reminders.findPageAfter(ReminderStatus.ACTIVE, after, limit);
    boolean more = found.size() > size;
    List<Reminder> page = more ? found.subList(0, size) : found;
    UUID next = more ? page.get(page.size() - 1).id() : null;
    return new ScheduledRemindersPage(page.stream().map(Reminder::toDto).toList(), next);
  }

  /** The reminder, or 404. */
  Reminder load(UUID id) {
    return reminders.findById(id).orElseThrow(() -> new NotFoundException("reminder", id));
  }
}
