package org.smartassistant.tgbot.replies;

import java.time.Duration;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The message that shows a reply's drafts in a group (groups have no {@code sendMessageDraft}): its
 * id per reply ({@code tg-bot:draft-message:<inReplyTo>}, 1 h), so later drafts edit it and the
 * complete reply replaces its text.
 */
class GroupDrafts {

  private static final String KEY_PREFIX = "tg-bot:draft-message:";
  private static final Duration KEEP = Duration.ofHours(1);

  private final StringRedisTemplate redis;

  GroupDrafts(StringRedisTemplate redis) {
    this.redis = redis;
  }

  /** Whether drafts of this chat are shown as an edited message: a group (negative id). */
  static boolean isGroup(long chatId) {
    return chatId < 0;
  }

  /** The id of the message showing the drafts of the reply the envelope belongs to, or null. */
  Integer messageOf(Envelope envelope) {
    String reply = envelope.attr(EnvelopeAttribute.IN_REPLY_TO);
    if (reply == null) {
      return null;
    }
    String id = redis.opsForValue().get(KEY_PREFIX + reply);
    return id == null ? null : Integer.valueOf(id);
  }

  /** Records the message that shows the drafts of the envelope's reply. */
  void remember(Envelope envelope, int messageId) {
    String reply = envelope.attr(EnvelopeAttribute.IN_REPLY_TO);
    if (reply != null) {
      redis.opsForValue().set(KEY_PREFIX + reply, Integer.toString(messageId), KEEP);
    }
  }
}
