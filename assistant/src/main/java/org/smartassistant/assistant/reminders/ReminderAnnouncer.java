package org.smartassistant.assistant.reminders;

import java.time.Clock;
import java.time.ZoneId;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.conversation.HistoryMessage;
import org.smartassistant.assistant.conversation.SecretaryTurn;
import org.smartassistant.assistant.conversation.SecretaryTurns;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.PublishResult;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Tells the user about a {@code reminder_triggered} from cron-service: the user's secretary says it
 * in its own voice (one model call with its instructions and the conversation so far); when that
 * fails for any reason, the reminder's own text goes out instead, so a reminder is never lost
 * because the model is. A late reminder says it is late, a missed one that it was missed. One
 * message per reminder and scheduled time: the outbox entry carries the idempotency key {@code
 * reminder:<reminderId>:<scheduledFor>}, and the model's words are remembered under it, so a
 * duplicated notice is neither sent nor asked for twice.
 */
@Component
public class ReminderAnnouncer {

  private static final Logger log = LoggerFactory.getLogger(ReminderAnnouncer.class);

  private final SecretaryResolver secretaries;
  private final SecretaryTurns turns;
  private final Outbox outbox;
  private final Clock clock;

  ReminderAnnouncer(
      SecretaryResolver secretaries, SecretaryTurns turns, Outbox outbox, Clock clock) {
    this.secretaries = secretaries;
    this.turns = turns;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Tells the user about the reminder and publishes the message to the outbox.
   *
   * @return the text published (or, for a duplicated notice, the text it would have been)
   * @throws IllegalArgumentException when the envelope has no chat and the user no Telegram id
   * @throws RuntimeException when the outbox cannot be written (Redis down): the consumer retries
   */
  public String announce(Envelope envelope) {
    ReminderNotice notice = ReminderNotice.of(envelope);
    UUID turnId = notice.turnId(envelope.id());
    UserDto user = userOrNull(envelope.userId());
    ZoneId zone = SecretaryTurns.zoneOf(user, notice.zone());
    long chatId = Outbox.chatOf(envelope, user);

    SecretaryTurn spoken = null;
    String text;
    try {
      if (user == null) {
        throw new IllegalStateException("the user could not be read from rest-service");
      }
      SecretaryTurn turn =
          turns.open(turnId, user, secretaries.secretaryOf(user.id()), chatId, zone);
      String words = turn.answer(new UserMessage(notice.instruction(zone, clock.instant())));
      spoken = turn;
      text = notice.voiced(words, zone);
    } catch (RuntimeException e) {
      log.warn(
          "reminder {} of user {} is delivered as written: {}",
          notice.reminderId(),
          envelope.userId(),
          e.toString());
      text = notice.asWritten(zone);
    }
    publish(envelope, notice, chatId, text);
    if (user != null) {
      remember(
          spoken != null ? spoken : turns.open(turnId, user, null, chatId, zone), envelope, text);
    }
    return text;
  }

  /**
   * Delivers the reminder's own text without asking the model, under the same idempotency key: for
   * a notice the consumer gave up on.
   */
  public String deliverAsWritten(Envelope envelope) {
    ReminderNotice notice = ReminderNotice.of(envelope);
    UserDto user = envelope.chatId() == null ? userOrNull(envelope.userId()) : null;
    String text = notice.asWritten(SecretaryTurns.zoneOf(user, notice.zone()));
    publish(envelope, notice, Outbox.chatOf(envelope, user), text);
    return text;
  }

  /** The reminder as delivered without the model, e.g. "⏰ Reminder: call mum". */
  public static String plainText(Envelope envelope) {
    ReminderNotice notice = ReminderNotice.of(envelope);
    return notice.asWritten(notice.zone());
  }

  private void publish(Envelope envelope, ReminderNotice notice, long chatId, String text) {
    PublishResult result =
        outbox.notify(envelope, chatId, text, notice.toAttrs(), notice.idempotencyKey(null));
    if (result.duplicate()) {
      log.info(
          "reminder {} for {} was told already; not sent again",
          notice.reminderId(),
          notice.scheduledFor());
    }
  }

  /**
   * The told reminder joins the conversation, so the user can answer it; as said by the secretary
   * only when it did say it. Best effort: the message is out already, and a history that lacks it
   * is better than a reminder told twice.
   */
  private void remember(SecretaryTurn turn, Envelope envelope, String text) {
    try {
      turn.remember(HistoryMessage.assistant(text));
    } catch (RuntimeException e) {
      log.warn(
          "reminder told to user {} (envelope {}) is not in the conversation history: {}",
          turn.user().id(),
          envelope.id(),
          e.toString());
    }
  }

  private UserDto userOrNull(Long userId) {
    if (userId == null) {
      return null;
    }
    try {
      return secretaries.user(userId);
    } catch (RuntimeException e) {
      log.warn("user {} of a reminder could not be read: {}", userId, e.toString());
      return null;
    }
  }
}
