package org.smartassistant.rest.reminders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.ReminderRunStatus;

/** One firing of a reminder; unique per reminder and scheduled time. */
@Entity
@Table(name = "reminder_runs")
class ReminderRun {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "reminder_id", nullable = false)
  private UUID reminderId;

  @Column(name = "scheduled_for", nullable = false)
  private Instant scheduledFor;

  @Column(name = "fired_at", nullable = false)
  private Instant firedAt;

  @Column(nullable = false)
  private ReminderRunStatus status;

  private String detail;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected ReminderRun() {}

  ReminderRun(
      UUID reminderId,
      Instant scheduledFor,
      Instant firedAt,
      ReminderRunStatus status,
      String detail,
      Instant now) {
    this.reminderId = reminderId;
    this.scheduledFor = scheduledFor;
    this.firedAt = firedAt;
    this.status = status;
    this.detail = detail;
    this.createdAt = now;
  }

  ReminderRunDto toDto() {
    return new ReminderRunDto(id, reminderId, scheduledFor, firedAt, status, detail, createdAt);
  }
}
