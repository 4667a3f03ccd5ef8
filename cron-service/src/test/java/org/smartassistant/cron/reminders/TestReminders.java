package org.smartassistant.cron.reminders;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.smartassistant.common.api.MissedRunPolicy;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderStatus;
import org.smartassistant.common.api.ReminderType;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeStreams;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.Streams;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.RecordId;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Reminders, change events and inbox reading for this module's tests. */
final class TestReminders {

  static final long USER_ID = 7L;
  static final long TELEGRAM_ID = 700_000_007L;

  private static final EnvelopeCodec CODEC = new EnvelopeCodec();

  private TestReminders() {}

  static ReminderDto oneTime(Instant at, String text) {
    return new ReminderDto(
        UUID.randomUUID(),
        USER_ID,
        null,
        ReminderType.ONE_TIME,
        at,
        null,
        "Europe/Berlin",
        text,
        ReminderStatus.ACTIVE,
        null,
        null,
        at.minusSeconds(3600),
        at.minusSeconds(3600),
        MissedRunPolicy.DELIVER_LATE);
  }

  static ReminderDto recurring(String cron, String zone, String text) {
    Instant created = Instant.now().minusSeconds(86_400);
    return new ReminderDto(
        UUID.randomUUID(),
        USER_ID,
        null,
        ReminderType.RECURRING,
        null,
        cron,
        zone,
        text,
        ReminderStatus.ACTIVE,
        null,
        null,
        created,
        created,
        MissedRunPolicy.DELIVER_LATE);
  }

  /** The same reminder, of another user. */
  static ReminderDto ofUser(ReminderDto r, long userId) {
    return new ReminderDto(
        r.id(),
        userId,
        r.assistantId(),
        r.type(),
        r.triggerAt(),
        r.cronExpression(),
        r.timezone(),
        r.text(),
        r.status(),
        r.lastTriggeredAt(),
        r.nextTriggerAt(),
        r.createdAt(),
        r.updatedAt(),
        r.missedRunPolicy());
  }

  static ReminderDto with(ReminderDto r, ReminderStatus status) {
    return copy(r, r.triggerAt(), r.cronExpression(), r.timezone(), status);
  }

  static ReminderDto copy(
      ReminderDto r, Instant triggerAt, String cron, String zone, ReminderStatus status) {
    return new ReminderDto(
        r.id(),
        r.userId(),
        r.assistantId(),
        r.type(),
        triggerAt,
        cron,
        zone,
        r.text(),
        status,
        r.lastTriggeredAt(),
        r.nextTriggerAt(),
        r.createdAt(),
        Instant.now(),
        r.missedRunPolicy());
  }

  /** The same reminder with the given missed-run policy. */
  static ReminderDto withPolicy(ReminderDto r, MissedRunPolicy policy) {
    return new ReminderDto(
        r.id(),
        r.userId(),
        r.assistantId(),
        r.type(),
        r.triggerAt(),
        r.cronExpression(),
        r.timezone(),
        r.text(),
        r.status(),
        r.lastTriggeredAt(),
        r.nextTriggerAt(),
        r.createdAt(),
        r.updatedAt(),
        policy);
  }

  /** Adds a change event as rest-service does. */
  static RecordId publishChange(StringRedisTemplate redis, UUID reminderId, ChangeType change) {
    ChangeEvent event =
        new ChangeEvent(
            ChangeKind.REMINDER,
            reminderId.toString(),
            change,
            Instant.now(),
            Map.of(ChangeEvent.USER_ID, Long.toString(USER_ID)));
    MapRecord<String, String, String> record =
        StreamRecords.newRecord().in(event.stream()).ofMap(event.toFields());
    return redis.opsForStream().add(record);
  }

  /** Whether cron-service's group has read and acknowledged the event. */
  static boolean handled(StringRedisTemplate redis, RecordId event) {
    return redis.opsForStream().groups(ChangeKind.REMINDER.stream()).stream()
        .filter(group -> group.groupName().equals(ChangeStreams.CRON_GROUP))
        .anyMatch(
            group ->
                group.pendingCount() == 0
                    && group.lastDeliveredId() != null
                    && notBefore(RecordId.of(group.lastDeliveredId()), event));
  }

  private static boolean notBefore(RecordId a, RecordId b) {
    return a.getTimestamp() > b.getTimestamp()
        || (a.getTimestamp().equals(b.getTimestamp()) && a.getSequence() >= b.getSequence());
  }

  /**
   * Waits until the pull made at start has ended, so that a test's own setup does not race it (the
   * pull would, rightly, remove a job it finds without an active reminder).
   */
  static void awaitFirstPull(MeterRegistry meters) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                meters.find("reminders.pulls").counters().stream().mapToDouble(Counter::count).sum()
                    >= 1);
  }

  /** Every envelope in the inbox, oldest first. */
  static List<Envelope> inbox(StringRedisTemplate redis) {
    return redis.<String, String>opsForStream().range(Streams.INBOX, Range.unbounded()).stream()
        .map(record -> CODEC.decode(record.getValue().get("envelope")))
        .toList();
  }

  /** The inbox envelopes of one reminder. */
  static List<Envelope> inboxOf(StringRedisTemplate redis, UUID reminderId) {
    return inbox(redis).stream()
        .filter(e -> reminderId.toString().equals(e.attr(EnvelopeAttribute.REMINDER_ID)))
        .toList();
  }
}
