package org.smartassistant.rest.reminders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.smartassistant.common.calendarrules.CalendarRuleDto;

/**
 * A user's rule "remind me {@code minutesBefore} minutes before each calendar event (whose title
 * contains {@code titleFilter})"; its reminders are ordinary one-time reminders that name it.
 */
@Entity
@Table(name = "calendar_reminder_rules")
class CalendarRule {

  @Id private UUID id;

  @Column(name = "user_id", nullable = false)
  private Long userId;

  @Column(name = "minutes_before", nullable = false)
  private int minutesBefore;

  @Column(name = "title_filter")
  private String titleFilter;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected CalendarRule() {}

  CalendarRule(UUID id, long userId, int minutesBefore, String titleFilter, Instant now) {
    this.id = id;
    this.userId = userId;
    this.minutesBefore = minutesBefore;
    this.titleFilter = titleFilter;
    this.createdAt = now;
  }

  UUID id() {
    return id;
  }

  Long userId() {
    return userId;
  }

  int minutesBefore() {
    return minutesBefore;
  }

  /** Whether an event of this title gets a reminder: its title contains the filter, any case. */
  boolean matches(String title) {
    return titleFilter == null || (title != null && fold(title).contains(fold(titleFilter)));
  }

  /** Same minutes and the same filter (compared as {@link #matches} compares). */
  boolean sameAs(int minutes, String filter) {
    return minutesBefore == minutes
        && fold(titleFilter == null ? "" : titleFilter).equals(fold(filter == null ? "" : filter));
  }

  private static String fold(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  CalendarRuleDto toDto() {
    return new CalendarRuleDto(id, userId, minutesBefore, titleFilter, createdAt);
  }
}
