package org.smartassistant.tgbot.replies;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.tgbot.format.PartialMarkdown;
import org.smartassistant.tgbot.format.StyledText;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.smartassistant.tgbot.users.BlockedChats;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessageDraft;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Shows a {@code draft} envelope, the text of a reply still being written: in a private chat with
 * {@code sendMessageDraft} (an ephemeral preview; the reply itself is sent as usual), in a group as
 * one message sent with the first draft and edited with the next ones ({@link GroupDrafts}). The
 * cut Markdown is closed first ({@link PartialMarkdown}); a text longer than one message shows its
 * last part. Best effort and never in the way of the reply: one attempt, no pacing, no retry; a 429
 * skips the chat's drafts for its {@code retry_after} and nothing else; any failure is logged and
 * the entry acknowledged.
 */
class DraftSender {

  private static final Logger log = LoggerFactory.getLogger(DraftSender.class);

  private final ChatMessages messages;
  private final TelegramSender sender;
  private final GroupDrafts groupDrafts;
  private final BlockedChats blockedChats;
  private final Map<Long, Long> pausedUntil = new ConcurrentHashMap<>();
  private final boolean inGroups;

  /**
   * @param inGroups whether drafts are shown in groups too ({@code smart.telegram.group-drafts});
   *     off, a group sees "typing…" and then the answer only
   */
  DraftSender(
      ChatMessages messages,
      TelegramSender sender,
      GroupDrafts groupDrafts,
      BlockedChats blockedChats,
      boolean inGroups) {
    this.inGroups = inGroups;
    this.messages = messages;
    this.sender = sender;
    this.groupDrafts = groupDrafts;
    this.blockedChats = blockedChats;
  }

  void show(Envelope draft) {
    if (draft.chatId() == null) {
      return;
    }
    long chatId = draft.chatId();
    if (GroupDrafts.isGroup(chatId) && !inGroups) {
      return;
    }
    Long paused = pausedUntil.get(chatId);
    if (paused != null) {
      if (System.nanoTime() - paused < 0) {
        return;
      }
      pausedUntil.remove(chatId, paused);
    }
    List<StyledText> parts = messages.parts(PartialMarkdown.close(draft.text()));
    if (parts.isEmpty() || blockedChats.skips(draft, chatId)) {
      return;
    }
    StyledText shown = parts.get(parts.size() - 1);
    try {
      if (GroupDrafts.isGroup(chatId)) {
        showInGroup(draft, chatId, shown);
      } else {
        sender.once(
            SendMessageDraft.builder()
                .chatId(chatId)
                .draftId(draftId(draft))
                .text(shown.html())
                .parseMode(ParseMode.HTML)
                .build());
      }
    } catch (TelegramApiRequestException e) {
      Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
      if (e.getErrorCode() != null && e.getErrorCode() == 429) {
        long seconds = retryAfter == null ? 1 : Math.max(1, retryAfter);
        pausedUntil.put(chatId, System.nanoTime() + seconds * 1_000_000_000L);
      }
      log.debug("draft {} for chat {} not shown: {}", draft.id(), chatId, e.getApiResponse());
    } catch (TelegramApiException | RuntimeException e) {
      log.debug("draft {} for chat {} not shown: {}", draft.id(), chatId, e.toString());
    }
  }

  private void showInGroup(Envelope draft, long chatId, StyledText shown)
      throws TelegramApiException {
    Integer messageId = groupDrafts.messageOf(draft);
    if (messageId == null) {
      // like the answer it becomes, a reply to the message that asked
      Integer replyTo = GroupReplies.replyTo(draft);
      Message sent =
          sender.once(
              SendMessage.builder()
                  .chatId(chatId)
                  .text(shown.html())
                  .parseMode(ParseMode.HTML)
                  .replyParameters(
                      replyTo == null
                          ? null
                          : ReplyParameters.builder()
                              .messageId(replyTo)
                              .allowSendingWithoutReply(true)
                              .build())
                  .build());
      groupDrafts.remember(draft, sent.getMessageId());
    } else {
      // an unchanged text is refused with "message is not modified": nothing to show then
      sender.once(
          EditMessageText.builder()
              .chatId(chatId)
              .messageId(messageId)
              .text(shown.html())
              .parseMode(ParseMode.HTML)
              .build());
    }
  }

  /** The same non-zero id for every draft of one reply, so Telegram animates their changes. */
  static int draftId(Envelope draft) {
    String reply = draft.attr(EnvelopeAttribute.IN_REPLY_TO);
    UUID key = reply == null ? draft.id() : UUID.fromString(reply);
    int id = (int) (key.getLeastSignificantBits() & 0x7fffffffL);
    return id == 0 ? 1 : id;
  }
}
