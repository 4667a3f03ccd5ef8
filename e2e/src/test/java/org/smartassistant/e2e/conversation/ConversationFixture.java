package org.smartassistant.e2e.conversation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.smartassistant.common.stream.EnvelopeCodec;
import org.smartassistant.common.stream.Streams;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.smartassistant.testsupport.fakes.telegram.TelegramCall;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the conversation scenarios do with the running suite: users talk to the bot through the fake
 * Telegram (so every message takes the whole path tg-bot → inbox → assistant → outbox → tg-bot →
 * Telegram), rest-service is read through the typed client, and the suite's Redis is looked at for
 * dead letters and the conversation windows. One per test JVM.
 */
final class ConversationFixture {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  private static ConversationFixture shared;

  final Suite suite;
  final FakeTelegramBotApi telegram;
  final FakeOpenAi llm;
  final RestServiceClient rest;
  final StringRedisTemplate redis;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  private ConversationFixture(Suite suite) {
    this.suite = suite;
    this.telegram = suite.telegram();
    this.llm = suite.llm();
    this.rest = suite.rest();
    this.redis = suite.redis();
  }

  static synchronized ConversationFixture get() {
    if (shared == null) {
      shared = new ConversationFixture(Suite.shared());
    }
    return shared;
  }

  /**
   * A user who sent /start (so tg-bot registered them and the secretary greeted), living in the
   * given time zone, with no conversation yet. {@code telegramId} must be on the suite's allowlist
   * and used by no other scenario.
   */
  UserDto start(long telegramId, String firstName, String timezone) {
    int before = telegram.sentMessages(telegramId).size();
    telegram.pushTextMessage(telegramId, "/start", null, firstName);
    telegram.awaitSentMessages(telegramId, before + 1, PATIENCE);
    UserDto user = rest.userByTelegramId(telegramId);
    if (!timezone.equals(user.timezone())) {
      user = rest.updateUser(user.id(), UpdateUserRequest.timezone(timezone));
    }
    return user;
  }

  /** The user writes a text in their private chat; returns the next message the bot sends. */
  String say(UserDto user, String text) {
    int before = sentTexts(user).size();
    telegram.pushTextMessage(user.telegramId(), text);
    return telegram.awaitSentMessages(user.telegramId(), before + 1, PATIENCE).get(before).text();
  }

  /** The texts the bot sent to the user's chat, in order. */
  List<String> sentTexts(UserDto user) {
    return telegram.sentTexts(user.telegramId());
  }

  /** The sendMessage calls Telegram accepted from the bot, all chats, in order. */
  List<TelegramCall> sentMessages() {
    return telegram.sentMessages();
  }

  /** Dead letters of the inbox whose envelope came from this user. */
  List<Envelope> deadLettersOf(UserDto user) {
    return redis.opsForStream().range(Streams.dlq(Streams.INBOX), Range.unbounded()).stream()
        .map(record -> record.getValue())
        .filter(fields -> fields.get("envelope") != null)
        .map(fields -> codec.decode((String) fields.get("envelope")))
        .filter(envelope -> user.id().equals(envelope.userId()))
        .toList();
  }

  /** The fields of the user's dead letters (error, attempts, ...). */
  List<Map<Object, Object>> deadLetterFieldsOf(UserDto user) {
    return redis.opsForStream().range(Streams.dlq(Streams.INBOX), Range.unbounded()).stream()
        .map(record -> record.getValue())
        .filter(
            fields ->
                fields.get("envelope") != null
                    && user.id().equals(codec.decode((String) fields.get("envelope")).userId()))
        .toList();
  }

  /** The Redis key of the user's conversation window (docs/assistant.md). */
  static String conversationKey(UserDto user) {
    return "assistant:conversation:" + user.id();
  }
}
