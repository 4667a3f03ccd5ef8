package org.smartassistant.assistant.inbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.calendar.CalendarConnectedHandler;
import org.smartassistant.assistant.conversation.SecretaryTurns;
import org.smartassistant.assistant.reminders.ReminderAnnouncer;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeHandler;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.stereotype.Component;

/**
 * Hands each inbox envelope to the handler of its type. Entries of a blocked user, and reminders
 * and calendar notices of a user rest-service no longer knows, are dropped (logged, counted by
 * {@code assistant.inbox.dropped}); a user message beyond the user's rate is not answered ({@link
 * MessageRateLimiter}).
 *
 * <p>A user message's admission (reading its user, with the turn's context when the user is not
 * cached, and the rate limit) is timed by {@code smart.assistant.admission}, from the envelope in
 * hand until the handler starts its reply ({@code smart.assistant.reply}) or the message is
 * dropped: the stage before the reply on the user's way (docs/operations.md, "Where the time
 * goes").
 */
@Component
class InboxDispatcher implements EnvelopeHandler {

  static final String ADMISSION_OBSERVATION = "smart.assistant.admission";

  private static final Logger log = LoggerFactory.getLogger(InboxDispatcher.class);

  private final UserMessageHandler userMessages;
  private final ConversationResetHandler resets;
  private final ReminderAnnouncer reminders;
  private final CalendarConnectedHandler calendarConnections;
  private final SecretaryResolver users;
  private final MessageRateLimiter rate;
  private final SecretaryTurns turns;
  private final MeterRegistry meters;
  private final ObservationRegistry observations;

  InboxDispatcher(
      UserMessageHandler userMessages,
      ConversationResetHandler resets,
      ReminderAnnouncer reminders,
      CalendarConnectedHandler calendarConnections,
      SecretaryResolver users,
      MessageRateLimiter rate,
      SecretaryTurns turns,
      MeterRegistry meters,
      ObservationRegistry observations) {
    this.userMessages = userMessages;
    this.resets = resets;
    this.reminders = reminders;
    this.calendarConnections = calendarConnections;
    this.users = users;
    this.rate = rate;
    this.turns = turns;
    this.meters = meters;
    this.observations = observations;
  }

  @Override
  public void handle(Envelope envelope) {
    if (envelope.userId() == null) {
      throw new IllegalArgumentException("envelope " + envelope.id() + " names no user");
    }
    switch (envelope.type()) {
      case USER_MESSAGE ->
          // a user not cached is read with what the turn reads next, in one request
          users.handlingMessage(
              envelope.userId(),
              envelope.text(),
              turns::window,
              () -> {
                if (admitted(envelope)) {
                  userMessages.handle(envelope);
                }
              });
      case CONVERSATION_RESET -> resets.handle(envelope);
      case REMINDER_TRIGGERED -> {
        if (!senderOf(envelope).dropped()) {
          reminders.announce(envelope);
        }
      }
      case CALENDAR_CONNECTED -> {
        if (!senderOf(envelope).dropped()) {
          calendarConnections.handle(envelope);
        }
      }
      // outbox types never belong here; failing sends the entry to the dead letters
      default ->
          throw new IllegalArgumentException(
              "envelope type " + envelope.type().wireName() + " does not belong in the inbox");
    }
  }

  /** Whether a user message is answered: its user is not blocked and within the rate. */
  private boolean admitted(Envelope envelope) {
    return Observation.createNotStarted(ADMISSION_OBSERVATION, observations)
        .contextualName("admission")
        .observe(
            () -> {
              Sender sender = senderOf(envelope);
              return !sender.dropped() && rate.admit(envelope, sender.user());
            });
  }

  /** The user of an entry (null when unknown or unreadable), and whether the entry is dropped. */
  private record Sender(UserDto user, boolean dropped) {}

  private Sender senderOf(Envelope envelope) {
    UserDto user;
    try {
      user = users.user(envelope.userId());
    } catch (UserNotRegisteredException e) {
      // an unknown sender of a message is asked to /start by the handler; no one to tell otherwise
      return envelope.type() == EnvelopeType.USER_MESSAGE
          ? new Sender(null, false)
          : drop(envelope, "removed");
    } catch (RuntimeException e) {
      // rest-service unreachable: the handler decides (retry, reminder as written)
      return new Sender(null, false);
    }
    return user.status() == UserStatus.BLOCKED
        ? drop(envelope, "blocked")
        : new Sender(user, false);
  }

  private Sender drop(Envelope envelope, String reason) {
    log.info(
        "{} entry {} of {} user {} dropped",
        envelope.type().wireName(),
        envelope.id(),
        reason,
        envelope.userId());
    Counter.builder("assistant.inbox.dropped")
        .description("Inbox entries dropped because their user is blocked or removed")
        .tag("reason", reason)
        .tag("type", envelope.type().wireName())
        .register(meters)
        .increment();
    return new Sender(null, true);
  }
}
