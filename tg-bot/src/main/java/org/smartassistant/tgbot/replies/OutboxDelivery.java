package org.smartassistant.tgbot.replies;

import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeHandler;
import org.smartassistant.common.stream.EnvelopeType;
import org.smartassistant.tgbot.telegram.ChatTyping;

/**
 * The handler of {@code assistant:outbox}: a draft or an answer to a message ends the chat's
 * "typing…" ({@link ChatTyping}) before anything is shown; drafts go to {@link DraftSender}, which
 * never fails, everything else to {@link TelegramReplySender}.
 */
class OutboxDelivery implements EnvelopeHandler {

  private final TelegramReplySender replies;
  private final DraftSender drafts;
  private final ChatTyping typing;

  OutboxDelivery(TelegramReplySender replies, DraftSender drafts, ChatTyping typing) {
    this.replies = replies;
    this.drafts = drafts;
    this.typing = typing;
  }

  @Override
  public void handle(Envelope envelope) throws Exception {
    if (envelope.chatId() != null && envelope.type() != EnvelopeType.NOTIFICATION) {
      typing.stop(envelope.chatId());
    }
    if (envelope.type() == EnvelopeType.DRAFT) {
      drafts.show(envelope);
    } else {
      replies.handle(envelope);
    }
  }
}
