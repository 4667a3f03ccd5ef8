package org.smartassistant.tgbot.replies;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeHandler;
import org.smartassistant.common.stream.HandlingAttempt;
import org.smartassistant.tgbot.format.StyledText;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.telegram.ChatUnreachableException;
import org.smartassistant.tgbot.telegram.TelegramRejectedException;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.smartassistant.tgbot.users.BlockedChats;

/**
 * Delivers an outbox envelope (reply, notification, error) to its chat: the model's Markdown as
 * Telegram HTML (plain text if Telegram rejects the entities), split into messages of at most 4096
 * characters, each paced and retried by {@link TelegramSender}. It returns, and the entry is
 * acknowledged, only when Telegram accepted every part. A chat whose user blocked the bot is marked
 * and its replies skipped; a message Telegram refuses outright fails, and after the consumer's
 * attempts goes to the dead-letter stream; an outage of Telegram fails it for a later retry. In a
 * group whose reply was shown as drafts, the first part replaces the draft message's text ({@link
 * GroupDrafts}), so the group keeps one message; should the edit be refused, it is sent anew.
 */
class TelegramReplySender implements EnvelopeHandler {

  private static final Logger log = LoggerFactory.getLogger(TelegramReplySender.class);

  private final ChatMessages messages;
  private final TelegramSender sender;
  private final SentParts sentParts;
  private final BlockedChats blockedChats;
  private final GroupDrafts groupDrafts;

  TelegramReplySender(
      ChatMessages messages,
      TelegramSender sender,
      SentParts sentParts,
      BlockedChats blockedChats,
      GroupDrafts groupDrafts) {
    this.messages = messages;
    this.sender = sender;
    this.sentParts = sentParts;
    this.blockedChats = blockedChats;
    this.groupDrafts = groupDrafts;
  }

  @Override
  public void handle(Envelope envelope) throws Exception {
    if (envelope.chatId() == null) {
      throw new IllegalArgumentException(
          "outbox envelope "
              + envelope.id()
              + " ("
              + envelope.type().wireName()
              + ") has no chatId");
    }
    long chatId = envelope.chatId();
    List<StyledText> parts = messages.parts(envelope.text());
    if (parts.isEmpty()) {
      log.warn("outbox envelope {} has no text to send; acknowledged", envelope.id());
      return;
    }
    if (blockedChats.skips(envelope, chatId)) {
      log.info("chat {} blocked the bot; envelope {} skipped", chatId, envelope.id());
      return;
    }
    // a reply handled for the first time has sent nothing yet
    boolean[] alreadySent =
        HandlingAttempt.isFirst(envelope.id())
            ? new boolean[parts.size()]
            : sentParts.sent(envelope.id(), parts.size());
    Integer draftMessage = GroupDrafts.isGroup(chatId) ? groupDrafts.messageOf(envelope) : null;
    for (int part = 0; part < parts.size(); part++) {
      if (alreadySent[part]) {
        continue;
      }
      try {
        if (part == 0 && draftMessage != null) {
          replaceDraft(chatId, draftMessage, parts.get(0), GroupReplies.replyTo(envelope));
        } else {
          sender.send(
              chatId, parts.get(part), null, part == 0 ? GroupReplies.replyTo(envelope) : null);
        }
      } catch (ChatUnreachableException blocked) {
        blockedChats.markBlocked(chatId, envelope.userId());
        return;
      } catch (InterruptedException stopping) {
        // keep the flag: the consumer then leaves the entry pending instead of counting a failure
        Thread.currentThread().interrupt();
        throw stopping;
      }
      sentParts.record(envelope.id(), part);
    }
  }

  /** The group's draft message shows the first part; sent anew when Telegram refuses the edit. */
  private void replaceDraft(long chatId, int messageId, StyledText first, Integer replyTo)
      throws InterruptedException {
    try {
      sender.edit(chatId, messageId, first);
    } catch (TelegramRejectedException e) {
      if (e.getMessage() != null && e.getMessage().contains("message is not modified")) {
        return; // the last draft was the whole reply already
      }
      log.info(
          "draft message {} in chat {} not replaced ({}); sending the reply",
          messageId,
          chatId,
          e.getMessage());
      sender.send(chatId, first, null, replyTo);
    }
  }
}
