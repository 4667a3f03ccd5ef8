package org.smartassistant.common.api;

import java.util.List;
import java.util.UUID;

/**
 * One page of the active reminders, ordered by id. Pass {@code nextCursor} as {@code after} to get
 * the next page; it is null on the last page.
 */
public record ScheduledRemindersPage(List<ReminderDto> items, UUID nextCursor) {

  public ScheduledRemindersPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
