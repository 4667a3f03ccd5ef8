package org.smartassistant.cron.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunStatus;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Puts a {@code reminder_triggered} envelope into the assistant's inbox, once per reminder and
 * scheduled time: the idempotency key and the envelope id are both derived from the two, so a
 * second firing for the same time adds nothing, and a consumer that dedupes on envelope ids would
 * skip a copy too. The attributes are the contract with the assistant (docs/scheduler.md).
 */
@Component
class ReminderNotices {

  static final String SOURCE = "cron-service";

  static final String REMINDER_ID = "reminderId";
  static final String SCHEDULED_FOR = "scheduledFor";
  static final String TEXT = "text";
  static final String STATUS = "status";
  static final String LATE = "late";
  static final String TYPE = "type";
  static final String TIMEZONE = "timezone";

  // Until common's EnvelopePublisher is available this class writes the entry itself, in the
  // same layout (field "envelope", the user's "prev" link, "<stream>:once:<key>" for the key).
  private static final RedisScript<Long> PUBLISH =
      RedisScript.of(
          """
          if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
          local prev = redis.call('GET', KEYS[2])
          local id
          if prev then
            id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
                            'envelope', ARGV[2], 'prev', prev)
          else
            id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'envelope', ARGV[2])
          end
          redis.call('SET', KEYS[2], id, 'PX', ARGV[3])
          redis.call('SET', KEYS[3], id, 'PX', ARGV[4])
          return 1
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  ReminderNotices(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Publishes the notice unless it was published before; true when this call added it. */
  boolean publish(
      ReminderDto reminder,
      UserDto user,
      Instant scheduledFor,
      ReminderRunStatus status,
      Instant now) {
    String key = idempotencyKey(reminder.id(), scheduledFor);
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put(REMINDER_ID, reminder.id().toString());
    attrs.put(SCHEDULED_FOR, scheduledFor.toString());
    attrs.put(TEXT, reminder.text());
    attrs.put(STATUS, status.name().toLowerCase(Locale.ROOT));
    attrs.put(LATE, Boolean.toString(status != ReminderRunStatus.DELIVERED));
    attrs.put(TYPE, reminder.type().name().toLowerCase(Locale.ROOT));
    if (reminder.timezone() != null) {
      attrs.put(TIMEZONE, reminder.timezone());
    }
    Envelope envelope =
        new Envelope(
            UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
            EnvelopeType.REMINDER_TRIGGERED,
            reminder.userId(),
            user.telegramId(),
            reminder.text(),
            SOURCE,
            now,
            null,
            attrs);
    String stream = Streams.INBOX;
    Long added =
        redis.execute(
            PUBLISH,
            java.util.List.of(
                stream, stream + ":tail:" + reminder.userId(), stream + ":once:" + key),
            "100000",
            codec.encode(envelope),
            Long.toString(java.time.Duration.ofDays(30).toMillis()),
            Long.toString(java.time.Duration.ofDays(7).toMillis()));
    return added != null && added == 1L;
  }

  static String idempotencyKey(UUID reminderId, Instant scheduledFor) {
    return "reminder:" + reminderId + ":" + scheduledFor;
  }
}
