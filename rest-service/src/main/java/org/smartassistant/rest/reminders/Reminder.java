package org.smartassistant.rest.reminders;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;

/** A reminder the scheduler fires: once at {@code triggerAt} or by its cron in its zone. */
@Entity
@Table(name = "reminders")
class Reminder {

  /** The status changes allowed; completed, cancelled and missed are final. */
  static final Map<ReminderStatus, Set<ReminderStatus>> TRANSITIONS =
      Map.of(
          ReminderStatus.ACTIVE,
          EnumSet.of(
              ReminderStatus.PAUSED,
              ReminderStatus.COMPLETED,
              ReminderStatus.CANCELLED,
              ReminderStatus.MISSED),
          ReminderStatus.PAUSED,
          EnumSet.of(ReminderStatus.ACTIVE, ReminderStatus.CANCELLED),
          ReminderStatus.COMPLETED,
          EnumSet.noneOf(ReminderStatus.class),
          ReminderStatus.CANCELLED,
          EnumSet.noneOf(ReminderStatus.class),
          ReminderStatus.MISSED,
          EnumSet.noneOf(ReminderStatus.class));

  @Id private UUID id;

  @Column(name = "user_id", nullable = false)
  private Long userId;

  @Column(name = "assistant_id")
  private UUID assistantId;

  @Column(nullable = false)
  private ReminderType type;

  @Column(name = "trigger_at")
  private Instant triggerAt;

  @Column(name = "cron_expression")
  private String cronExpression;

  @Column(nullable = false)
  private String timezone;

  @Column(nullable = false)
  private String text;

  @Column(nullable = false)
  private ReminderStatus status;

  @Column(name = "last_triggered_at")
  private Instant lastTriggeredAt;

  @Column(name = "next_trigger_at")
  private Instant nextTriggerAt;

  @Column(name = "missed_run_policy", nullable = false)
  private MissedRunPolicy missedRunPolicy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Column(name = "calendar_rule_id", updatable = false)
  private UUID calendarRuleId;

  @Column(name = "calendar_event_id", updatable = false)
  private String calendarEventId;

  @Column(name = "calendar_event_start", updatable = false)
  private Instant calendarEventStart;

  @Column(name = "idempotency_key", updatable = false)
  private String idempotencyKey;

  @Column(name = "request_digest", updatable = false)
  private String requestDigest;

  protected Reminder() {}

  Reminder(UUID id, long userId, ReminderType type, String timezone, String text, Instant now) {
    this.id = id;
    this.userId = userId;
    this.type = type;
    this.timezone = timezone;
    this.text = text;
    this.status = ReminderStatus.ACTIVE;
    this.missedRunPolicy = MissedRunPolicy.DELIVER_LATE;
    this.createdAt = now;
    this.updatedAt = now;
  }

  static boolean canMove(ReminderStatus from, ReminderStatus to) {
    return from == to || TRANSITIONS.get(from).contains(to);
  }

  UUID id() {
    return id;
  }

  Long userId() {
    return userId;
  }

  ReminderType type() {
    return type;
  }

  Instant triggerAt() {
    return triggerAt;
  }

  String cronExpression() {
    return cronExpression;
  }

  String timezone() {
    return timezone;
  }

  ReminderStatus status() {
    return status;
  }

  Instant lastTriggeredAt() {
    return lastTriggeredAt;
  }

  Instant nextTriggerAt() {
    return nextTriggerAt;
  }

  MissedRunPolicy missedRunPolicy() {
    return missedRunPolicy;
  }

  void setMissedRunPolicy(MissedRunPolicy missedRunPolicy) {
    this.missedRunPolicy = missedRunPolicy;
  }

  void setAssistantId(UUID assistantId) {
    this.assistantId = assistantId;
  }

  void setTriggerAt(Instant triggerAt) {
    this.triggerAt = triggerAt;
  }

  void setCronExpression(String cronExpression) {
    this.cronExpression = cronExpression;
  }

  void setTimezone(String timezone) {
    this.timezone = timezone;
  }

  void setText(String text) {
    this.text = text;
  }

  void setStatus(ReminderStatus status) {
    this.status = status;
  }

  void setLastTriggeredAt(Instant lastTriggeredAt) {
    this.lastTriggeredAt = lastTriggeredAt;
  }

  void setNextTriggerAt(Instant nextTriggerAt) {
    this.nextTriggerAt = nextTriggerAt;
  }

  /** The Idempotency-Key of the request that created this reminder, with its digest. */
  void setIdempotency(String key, String digest) {
    this.idempotencyKey = key;
    this.requestDigest = digest;
  }

  /** Made by a calendar rule for the event of this id that starts at {@code eventStart}. */
  void setCalendarEvent(UUID ruleId, String eventId, Instant eventStart) {
    this.calendarRuleId = ruleId;
    this.calendarEventId = eventId;
    this.calendarEventStart = eventStart;
  }

  String calendarEventId() {
    return calendarEventId;
  }

  Instant calendarEventStart() {
    return calendarEventStart;
  }

  String text() {
    return text;
  }

  String requestDigest() {
    return requestDigest;
  }

  void touch(Instant now) {
    this.updatedAt = now;
  }

  ReminderDto toDto() {
    return new ReminderDto(
        id,
        userId,
        assistantId,
        type,
        triggerAt,
        cronExpression,
        timezone,
        text,
        status,
        lastTriggeredAt,
        nextTriggerAt,
        createdAt,
        updatedAt,
        missedRunPolicy);
  }
}
