package org.smartassistant.tgbot.users;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeAttribute;
import org.smartassistant.common.stream.EnvelopeType;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;

/**
 * Chats whose user blocked the bot (Telegram answered 403). Such a chat is marked in Redis, so
 * replies to it are skipped without asking Telegram, and the user is marked {@code blocked} in
 * rest-service. When the user writes again, the mark is lifted and the user is active again. The
 * Redis mark also tells this block apart from an operator's, which only the operator lifts.
 */
@Component
public class BlockedChats {

  private static final Logger log = LoggerFactory.getLogger(BlockedChats.class);
  private static final String KEY_PREFIX = "tg-bot:bot-blocked:";

  private final StringRedisTemplate redis;
  private final TelegramUsers users;

  BlockedChats(StringRedisTemplate redis, TelegramUsers users) {
    this.redis = redis;
    this.users = users;
  }

  public boolean isBlocked(long chatId) {
    return Boolean.TRUE.equals(redis.hasKey(KEY_PREFIX + chatId));
  }

  /**
   * Whether an outbox envelope for this chat is skipped because the chat is marked. An answer to a
   * user's message is never skipped, and costs no lookup: the user has just written, which lifts
   * the mark ({@link #lift}); should the user have blocked the bot since, Telegram refuses the
   * answer and the chat is marked again.
   */
  public boolean skips(Envelope envelope, long chatId) {
    if (EnvelopeType.USER_MESSAGE
        .wireName()
        .equals(envelope.attr(EnvelopeAttribute.IN_REPLY_TO_TYPE))) {
      return false;
    }
    return isBlocked(chatId);
  }

  /**
   * The user of this chat blocked the bot. A group chat (negative id) that refuses the bot (it was
   * removed) marks nobody: no person blocked anything, and a later reply there is simply tried.
   */
  public void markBlocked(long chatId, Long userId) {
    if (chatId < 0) {
      log.info(
          "the bot cannot write in group chat {} (removed from it?); nobody is marked", chatId);
      return;
    }
    redis.opsForValue().set(KEY_PREFIX + chatId, userId == null ? "" : userId.toString());
    log.info(
        "chat {} blocked the bot; its replies are skipped until the user writes again", chatId);
    if (userId == null) {
      return;
    }
    try {
      users.changeStatus(userId, UserStatus.BLOCKED);
    } catch (HttpClientErrorException.NotFound gone) {
      log.info("user {} of blocked chat {} no longer exists", userId, chatId);
    } catch (RestClientException e) {
      // the Redis mark is what skips the replies; the status catches up when the user returns
      log.warn("could not mark user {} blocked in rest-service: {}", userId, e.getMessage());
    }
  }

  /**
   * The user wrote to the bot: a user blocked because of the bot (this chat is marked) is made
   * active again. The mark itself is lifted by {@link #lift}, once what the user wrote is taken in.
   *
   * @return the user as now known
   */
  public KnownUser userReturned(long chatId, KnownUser user) {
    if (!user.blocked() || !isBlocked(chatId)) {
      return user; // active, or blocked by the operator and not because of the bot
    }
    user = users.changeStatus(user.id(), UserStatus.ACTIVE);
    log.info("user {} is back in chat {}", user.id(), chatId);
    return user;
  }

  /**
   * Lifts the chat's mark, if it has one: its user wrote. Called once the message is taken in, so
   * that the message does not wait for it; an answer to it is sent without looking at the mark
   * ({@link #skips}). A failure is logged: the mark then stays until the user's next message, and
   * until then only what is not an answer to the user (a reminder, say) is skipped.
   */
  public void lift(long chatId) {
    try {
      redis.delete(KEY_PREFIX + chatId);
    } catch (RuntimeException e) {
      log.warn("could not lift the bot-blocked mark of chat {}: {}", chatId, e.toString());
    }
  }
}
