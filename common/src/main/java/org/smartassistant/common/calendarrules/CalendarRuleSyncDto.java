package org.smartassistant.common.calendarrules;

/**
 * What a sync of a rule changed: reminders created for new events, replaced for moved ones, removed
 * for cancelled ones (or ones that no longer match), and left as they were.
 */
public record CalendarRuleSyncDto(int created, int moved, int removed, int unchanged) {}
