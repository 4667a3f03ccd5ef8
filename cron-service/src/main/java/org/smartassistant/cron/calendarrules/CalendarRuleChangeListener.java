package org.smartassistant.cron.calendarrules;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeListener;
import org.smartassistant.common.events.ChangeType;
import org.springframework.stereotype.Component;

/**
 * Syncs at once what a change event names: a rule just added ({@code changes:calendar_rule}) or the
 * rules of a user whose calendar got an event through calendar-service ({@code
 * changes:calendar_events}). One instance of the cluster handles each event (consumer group {@code
 * cron-service}); what fails is left to the next scheduled sync.
 */
@Component
class CalendarRuleChangeListener implements ChangeListener {

  private static final Logger log = LoggerFactory.getLogger(CalendarRuleChangeListener.class);

  private final CalendarRuleSync sync;

  CalendarRuleChangeListener(CalendarRuleSync sync) {
    this.sync = sync;
  }

  @Override
  public void changed(ChangeEvent event) {
    try {
      if (event.kind() == ChangeKind.CALENDAR_RULE && event.change() == ChangeType.CREATED) {
        sync.syncRule(Long.parseLong(event.attr(ChangeEvent.USER_ID)), UUID.fromString(event.id()));
      } else if (event.kind() == ChangeKind.CALENDAR_EVENTS) {
        sync.syncUser(Long.parseLong(event.id()));
      }
    } catch (RuntimeException e) {
      log.warn("{} not synced now, the next round will: {}", event, e.toString());
    }
  }
}
