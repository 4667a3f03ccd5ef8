package org.smartassistant.e2e.configuration;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.CreateAssistantRequest;
import org.smartassistant.common.api.CreateToolRequest;
import org.smartassistant.common.api.RestServiceClient;
import org.smartassistant.common.api.SetSecretaryRequest;
import org.smartassistant.common.api.ToolDto;
import org.smartassistant.common.api.ToolType;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.e2e.Suite;
import org.smartassistant.testsupport.fakes.FakeOpenAi;
import org.smartassistant.testsupport.fakes.OpenAiRequest;
import org.smartassistant.testsupport.fakes.telegram.FakeTelegramBotApi;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the configuration scenarios do with the running suite: the operator changes assistants,
 * tools and links through rest-service's API (the typed client with the internal token), users talk
 * to the bot through the fake Telegram, and the fake OpenAI API shows what the models were given.
 * Scenarios create their own assistants and tools (unique names) and remove them afterwards, so the
 * seeded configuration other scenarios rely on stays as it is.
 */
final class ConfigurationFixture {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  private static ConfigurationFixture shared;

  final Suite suite;
  final FakeTelegramBotApi telegram;
  final FakeOpenAi llm;
  final RestServiceClient rest;
  final StringRedisTemplate redis;

  private ConfigurationFixture(Suite suite) {
    this.suite = suite;
    this.telegram = suite.telegram();
    this.llm = suite.llm();
    this.rest = suite.rest();
    this.redis = suite.redis();
  }

  static synchronized ConfigurationFixture get() {
    if (shared == null) {
      shared = new ConfigurationFixture(Suite.shared());
    }
    return shared;
  }

  /**
   * A user who sent /start (registered by tg-bot, greeted by the default secretary). {@code
   * telegramId} must be on the suite's allowlist and used by no other scenario.
   */
  UserDto start(long telegramId, String firstName) {
    int before = telegram.sentMessages(telegramId).size();
    telegram.pushTextMessage(telegramId, "/start", null, firstName);
    telegram.awaitSentMessages(telegramId, before + 1, PATIENCE);
    return rest.userByTelegramId(telegramId);
  }

  /** The user writes a text; returns the next message the bot sends. */
  String say(UserDto user, String text) {
    int before = sentCount(user);
    telegram.pushTextMessage(user.telegramId(), text);
    return replyAfter(user, before);
  }

  /** How many messages the bot has sent to the user's chat so far. */
  int sentCount(UserDto user) {
    return telegram.sentTexts(user.telegramId()).size();
  }

  /** The first message the bot sends to the user after the {@code before} it had sent. */
  String replyAfter(UserDto user, int before) {
    return telegram.awaitSentMessages(user.telegramId(), before + 1, PATIENCE).get(before).text();
  }

  /** A secretary of the scenario's own, assigned to the user. */
  AssistantDto ownSecretary(UserDto user, String instructions) {
    AssistantDto secretary =
        rest.createAssistant(
            new CreateAssistantRequest(
                "Config secretary " + suffix(),
                "a secretary of the configuration scenarios",
                true,
                null,
                null,
                instructions,
                "Hello!",
                null,
                true));
    rest.setUserSecretary(user.id(), new SetSecretaryRequest(secretary.id()));
    return secretary;
  }

  /** An active {@code time} tool of the scenario's own, linked to the assistant. */
  ToolDto linkedTimeTool(AssistantDto assistant, String namePrefix) {
    ToolDto tool =
        rest.createTool(
            new CreateToolRequest(
                namePrefix + "_" + suffix(), ToolType.TIME, "the time somewhere", null, true));
    rest.linkTool(assistant.id(), tool.id());
    return tool;
  }

  /** Removes what a scenario created: its tools, then its secretary (and so its links). */
  void remove(AssistantDto secretary, ToolDto... tools) {
    for (ToolDto tool : tools) {
      if (tool != null) {
        rest.deleteTool(tool.id());
      }
    }
    if (secretary != null) {
      rest.deleteAssistant(secretary.id());
    }
  }

  /**
   * Waits until the assistant dropped the given entries of its Redis cache, as it does on
   * rest-service's change events; fails after {@code atMost}.
   */
  void awaitCacheDropped(Duration atMost, String... keys) {
    List<String> all = List.of(keys);
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> redis.countExistingKeys(all) == 0);
  }

  /** The cache key of the user's secretary (docs/assistant.md). */
  static String secretaryKey(UserDto user) {
    return "assistant:cache:secretary:" + user.id();
  }

  /** The cache key of an assistant's tool links (docs/assistant.md). */
  static String toolsKey(AssistantDto assistant) {
    return "assistant:cache:tools:" + assistant.id();
  }

  /** The requests the fake model received whose system prompt contains the text. */
  List<OpenAiRequest> requestsWith(String systemPromptPart) {
    return llm.requests().stream().filter(r -> r.systemPromptContains(systemPromptPart)).toList();
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
