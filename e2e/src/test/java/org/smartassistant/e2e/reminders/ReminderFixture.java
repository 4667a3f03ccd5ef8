package org.smartassistant.e2e.reminders;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.CreateReminderRequest;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.ReminderDto;
import org.smartassistant.common.api.ReminderRunDto;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.client.HttpClientErrorException;

/**
 * What the reminder scenarios do to the running suite: users and reminders in rest-service, notices
 * into the inbox as cron-service writes them, and what reached the fake Telegram, the inbox and the
 * outbox. One per test JVM.
 */
final class ReminderFixture {

  /** How long a scenario waits for something that should come within seconds. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  private static ReminderFixture shared;

  final Suite suite;
  final RestServiceClient rest;
  final StringRedisTemplate redis;
  final EnvelopePublisher publisher;
  final EnvelopeCodec codec = new EnvelopeCodec();

  private ReminderFixture(Suite suite) {
    this.suite = suite;
    this.rest = suite.rest();
    this.redis = suite.redis();
    this.publisher = new EnvelopePublisher(redis, codec, Duration.ofDays(7), null);
  }

  static synchronized ReminderFixture get() {
    if (shared == null) {
      shared = new ReminderFixture(Suite.shared());
    }
    return shared;
  }

  /** A user known to rest-service (created, or found from an earlier run) in the given zone. */
  UserDto user(long telegramId, String firstName, String timezone) {
    try {
      return rest.createUser(
          new CreateUserRequest(telegramId, null, firstName, null, timezone, "en"));
    } catch (HttpClientErrorException.Conflict e) {
      UserDto user = rest.userByTelegramId(telegramId);
      return rest.updateUser(
          user.id(), new UpdateUserRequest(null, firstName, null, timezone, null, null));
    }
  }

  /** A one-time reminder created through rest-service's API, as an operator or script would. */
  ReminderDto reminder(UserDto user, String text, Instant triggerAt) {
    return rest.createReminder(CreateReminderRequest.oneTime(user.id(), triggerAt, text));
  }

  List<ReminderDto> remindersOf(UserDto user) {
    return rest.reminders(user.id(), null, null, 0, 200).items();
  }

  List<ReminderRunDto> runsOf(ReminderDto reminder) {
    return rest.runs(reminder.id(), 0, 200).items();
  }

  /** Texts the fake Telegram accepted for the user's private chat. */
  List<String> telegramTexts(UserDto user) {
    return suite.telegram().sentTexts(user.telegramId());
  }

  List<TelegramCall> telegramMessages(UserDto user) {
    return suite.telegram().sentMessages(user.telegramId());
  }

  /**
   * A {@code reminder_triggered} exactly as cron-service writes it (ReminderNotices): its envelope
   * id is derived from the reminder and the time, and so is its idempotency key.
   */
  Envelope notice(UserDto user, UUID reminderId, Instant scheduledFor, String text) {
    String key = "reminder:" + reminderId + ":" + scheduledFor;
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("reminderId", reminderId.toString());
    attrs.put("scheduledFor", scheduledFor.toString());
    attrs.put("text", text);
    attrs.put("status", "delivered");
    attrs.put("late", "false");
    attrs.put("type", "one_time");
    attrs.put("timezone", user.timezone());
    return new Envelope(
        UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)),
        EnvelopeType.REMINDER_TRIGGERED,
        user.id(),
        user.telegramId(),
        text,
        "cron-service",
        Instant.now(),
        null,
        attrs);
  }

  /** The {@code reminder_triggered} entries of the inbox for the reminder. */
  List<Envelope> inboxNoticesOf(UUID reminderId) {
    return entries(Streams.INBOX).stream()
        .filter(envelope -> envelope.type() == EnvelopeType.REMINDER_TRIGGERED)
        .filter(envelope -> reminderId.toString().equals(envelope.attr("reminderId")))
        .toList();
  }

  /** What the assistant published to the outbox for the user's chat. */
  List<Envelope> outboxFor(UserDto user) {
    return entries(Streams.OUTBOX).stream()
        .filter(envelope -> user.telegramId().equals(envelope.chatId()))
        .toList();
  }

  private List<Envelope> entries(String stream) {
    return redis.opsForStream().range(stream, Range.unbounded()).stream()
        .map(record -> codec.decode((String) record.getValue().get("envelope")))
        .toList();
  }
}
