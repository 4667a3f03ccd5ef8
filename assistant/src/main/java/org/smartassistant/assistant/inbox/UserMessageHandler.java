package org.smartassistant.assistant.inbox;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.assistant.conversation.HistoryMessage;
import org.smartassistant.assistant.conversation.SecretaryTurn;
import org.smartassistant.assistant.conversation.SecretaryTurns;
import org.smartassistant.assistant.llm.OverBudgetException;
import org.smartassistant.assistant.media.UserInput;
import org.smartassistant.assistant.media.UserInputs;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.outbox.ReplyDrafts;
import org.smartassistant.assistant.secretary.NoSecretaryException;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.stereotype.Component;

/**
 * Answers a {@code user_message}: the user's secretary answers in a {@link SecretaryTurn} with the
 * conversation so far and its tools; the reply is published, then the turn is stored (Redis window
 * and rest-service), all before the handler returns and the entry is acknowledged. A failure of the
 * model propagates, so the consumer retries the message and, in the end, {@link DeadLetterReplies}
 * apologises once. A user over the day's budget gets one reply saying so and when it resets, and no
 * model is asked. A voice note, photo or document is given to the model as {@link UserInputs} reads
 * it, or answered with the one sentence saying why it cannot be. With streaming on ({@link
 * ReplyDrafts}) the model streams its answer and drafts of it go out while it writes; the reply is
 * the same.
 */
@Component
class UserMessageHandler {

  static final String UNKNOWN_USER =
      "I don't know you yet. Please send /start so that I can set things up for you.";
  static final String NO_SECRETARY =
      "No assistant is set up to answer you yet. Please ask the operator of this bot to configure"
          + " one.";

  private static final Logger log = LoggerFactory.getLogger(UserMessageHandler.class);

  private final SecretaryResolver secretaries;
  private final SecretaryTurns turns;
  private final UserInputs inputs;

  /**
   * The part of the handling the user waits for: from the envelope in hand to the reply in the
   * outbox (what follows, storing the turn and compacting the window, is not on the user's way).
   */
  static final String REPLY_OBSERVATION = "smart.assistant.reply";

  private final Outbox outbox;
  private final ReplyDrafts drafts;
  private final ObservationRegistry observations;

  /**
   * What a user over the day's budget is told, with the local time the budget resets (the start of
   * the next day in UTC).
   */
  static String overBudget(Instant resetsAt, ZoneId zone) {
    ZonedDateTime local = resetsAt.atZone(zone);
    return "You have used up today's allowance for your assistant, so I can't answer this one."
        + " It resets at "
        + local.format(DateTimeFormatter.ofPattern("HH:mm 'on' EEEE, d MMMM", Locale.ENGLISH))
        + " ("
        + zone.getId()
        + "); please write again then.";
  }

  UserMessageHandler(
      SecretaryResolver secretaries,
      SecretaryTurns turns,
      UserInputs inputs,
      Outbox outbox,
      ReplyDrafts drafts,
      ObservationRegistry observations) {
    this.secretaries = secretaries;
    this.turns = turns;
    this.inputs = inputs;
    this.outbox = outbox;
    this.drafts = drafts;
    this.observations = observations;
  }

  void handle(Envelope envelope) {
    AtomicReference<SecretaryTurn> opened = new AtomicReference<>();
    Answered answered;
    try {
      answered =
          Observation.createNotStarted(REPLY_OBSERVATION, observations)
              .contextualName("reply")
              .observe(() -> reply(envelope, opened));
      if (answered != null) {
        // after the reply, so that the user does not wait for it; the user's next message is
        // handled after it (per-user order), so its turn reads it. Both are kept once per turn: a
        // turn run again after a failure here publishes no second reply (its idempotency key) and
        // stores once.
        answered.turn().remember(answered.said());
      }
    } finally {
      // what the models used, once the reply is out (or the turn failed): the user does not wait
      if (opened.get() != null) {
        opened.get().recordUsage();
      }
    }
    if (answered != null) {
      // after the reply, so that the user never waits for it; best effort, retried next turn
      answered.turn().compact();
    }
  }

  /** A turn that answered, and what it has to remember. */
  private record Answered(SecretaryTurn turn, HistoryMessage... said) {}

  /**
   * Answers the message and publishes the reply; the turn and what was said, or null when no turn
   * answered.
   */
  private Answered reply(Envelope envelope, AtomicReference<SecretaryTurn> opened) {
    long userId = envelope.userId();
    UserDto user;
    AssistantDto secretary;
    try {
      user = secretaries.user(userId);
      secretary = secretaries.secretaryOf(userId);
    } catch (UserNotRegisteredException e) {
      outbox.error(envelope, Outbox.chatOf(envelope, null), UNKNOWN_USER);
      return null;
    } catch (NoSecretaryException e) {
      outbox.error(envelope, Outbox.chatOf(envelope, null), NO_SECRETARY);
      return null;
    }
    UserInput input = inputs.read(envelope, secretary);
    if (input.refused()) {
      outbox.reply(envelope, Outbox.chatOf(envelope, user), input.refusal());
      return null;
    }
    SecretaryTurn turn =
        turns
            .open(envelope.id(), user, secretary, Outbox.chatOf(envelope, user))
            .recordingUsageAfterReply()
            .keepingAnswerWithReply();
    opened.set(turn);
    String answer;
    try {
      answer =
          drafts.enabled()
              ? turn.answerWithTools(input.message(), drafts.of(envelope, turn.chatId()))
              : turn.answerWithTools(input.message());
    } catch (OverBudgetException e) {
      log.info("message {} of user {} not answered: {}", envelope.id(), userId, e.getMessage());
      outbox.reply(envelope, turn.chatId(), overBudget(e.resetsAt(), turn.zone()));
      return null;
    }
    // the answer is remembered with its reply, in one step (SecretaryTurn#keepingAnswerWithReply)
    outbox.reply(envelope, turn.chatId(), answer, turn.answerToKeep());
    return new Answered(
        turn, HistoryMessage.user(input.remembered()), HistoryMessage.assistant(answer));
  }
}
