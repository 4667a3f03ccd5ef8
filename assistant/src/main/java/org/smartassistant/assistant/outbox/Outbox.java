package org.smartassistant.assistant.outbox;

import java.time.Clock;
import java.util.Map;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopePublisher;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.stereotype.Component;

/**
 * Writes the assistant's answers to {@code assistant:outbox}. Every answer is published with the
 * idempotency key {@code reply:<inbox envelope id>}: one inbox envelope gets at most one answer,
 * whether it is handled again after a crash or given up on after a reply already went out.
 */
@Component
public class Outbox {

  /** Attribute of an outbox envelope: the inbox envelope it answers. */
  public static final String IN_REPLY_TO = "inReplyTo";

  static final String SOURCE = "assistant";

  private final EnvelopePublisher publisher;
  private final Clock clock;

  Outbox(EnvelopePublisher publisher, Clock clock) {
    this.publisher = publisher;
    this.clock = clock;
  }

  /** The model's answer (Markdown) to an inbox envelope. */
  public void reply(Envelope inbox, long chatId, String markdown) {
    publish(EnvelopeType.REPLY, inbox, chatId, markdown);
  }

  /** Something the user did not ask for just now, e.g. a reminder coming due. */
  public void notify(Envelope inbox, long chatId, String markdown) {
    publish(EnvelopeType.NOTIFICATION, inbox, chatId, markdown);
  }

  /** A short, friendly explanation that something went wrong. */
  public void error(Envelope inbox, long chatId, String text) {
    publish(EnvelopeType.ERROR, inbox, chatId, text);
  }

  private void publish(EnvelopeType type, Envelope inbox, long chatId, String text) {
    Envelope answer =
        Envelope.of(type, inbox.userId(), chatId, text, SOURCE, clock.instant())
            .withTraceparent(inbox.traceparent())
            .withAttrs(Map.of(IN_REPLY_TO, inbox.id().toString()));
    publisher.publish(answer, idempotencyKey(inbox));
  }

  static String idempotencyKey(Envelope inbox) {
    return "reply:" + inbox.id();
  }
}
