package org.smartassistant.common.calendarrules;

import java.util.List;
import java.util.UUID;

/**
 * One page of every user's calendar rules, ordered by id. Pass {@code nextCursor} as {@code after}
 * for the next page; it is null on the last page.
 */
public record CalendarRulesPage(List<CalendarRuleDto> items, UUID nextCursor) {

  public CalendarRulesPage {
    items = items == null ? List.of() : List.copyOf(items);
  }
}
