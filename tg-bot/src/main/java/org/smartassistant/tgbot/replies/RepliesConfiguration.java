package org.smartassistant.tgbot.replies;

import org.smartassistant.common.stream.DeadLetterHandler;
import org.smartassistant.common.stream.StreamConsumer;
import org.smartassistant.common.stream.StreamConsumers;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.tgbot.telegram.ChatMessages;
import org.smartassistant.tgbot.telegram.ChatTyping;
import org.smartassistant.tgbot.telegram.TelegramProperties;
import org.smartassistant.tgbot.telegram.TelegramSender;
import org.smartassistant.tgbot.users.BlockedChats;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The outbox consumer: {@code assistant:outbox} in group {@code tg-bot}, each envelope delivered by
 * {@link TelegramReplySender} (drafts by {@link DraftSender}, see {@link OutboxDelivery}) under
 * common's delivery rules (acknowledged after delivery, retried, dead-lettered, one user's replies
 * in order). Without a bot token it does not run, so replies wait in the stream instead of failing
 * into the dead-letter stream.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${smart.telegram.bot-token:}'.trim() != ''")
class RepliesConfiguration {

  @Bean
  TelegramReplySender telegramReplySender(
      ChatMessages messages,
      TelegramSender sender,
      StringRedisTemplate redis,
      BlockedChats blockedChats,
      TelegramProperties properties) {
    return new TelegramReplySender(
        messages,
        sender,
        new SentParts(redis, properties.sentPartsTtl()),
        blockedChats,
        new GroupDrafts(redis));
  }

  @Bean
  StreamConsumer outboxConsumer(
      StreamConsumers consumers,
      TelegramReplySender replySender,
      ChatMessages messages,
      TelegramSender sender,
      StringRedisTemplate redis,
      BlockedChats blockedChats,
      ChatTyping typing,
      @Value("${smart.telegram.group-drafts:true}") boolean groupDrafts) {
    DraftSender drafts =
        new DraftSender(messages, sender, new GroupDrafts(redis), blockedChats, groupDrafts);
    return consumers.create(
        consumers.settings(Streams.OUTBOX, Streams.TG_BOT_GROUP),
        new OutboxDelivery(replySender, drafts, typing),
        DeadLetterHandler.NONE);
  }
}
