package org.smartassistant.assistant.inbox;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.smartassistant.assistant.conversation.Conversation;
import org.smartassistant.assistant.conversation.ConversationProperties;
import org.smartassistant.assistant.conversation.ConversationStore;
import org.smartassistant.assistant.conversation.HistoryMessage;
import org.smartassistant.assistant.conversation.Summarizer;
import org.smartassistant.assistant.conversation.SystemPrompt;
import org.smartassistant.assistant.conversation.TurnMemory;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.assistant.llm.TurnBudget;
import org.smartassistant.assistant.llm.TurnLimits;
import org.smartassistant.assistant.outbox.Outbox;
import org.smartassistant.assistant.secretary.NoSecretaryException;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.assistant.secretary.UserNotRegisteredException;
import org.smartassistant.assistant.tools.ToolCatalog;
import org.smartassistant.assistant.tools.ToolUser;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.stream.Envelope;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.stereotype.Component;

/**
 * Answers a {@code user_message}: the user's secretary answers with the conversation so far and its
 * tools; the turn is stored (Redis window and rest-service) and the reply published, all before the
 * handler returns and the entry is acknowledged. A failure of the model propagates, so the consumer
 * retries the message and, in the end, {@link DeadLetterReplies} apologises once.
 */
@Component
class UserMessageHandler {

  static final String UNKNOWN_USER =
      "I don't know you yet. Please send /start so that I can set things up for you.";
  static final String NO_SECRETARY =
      "No assistant is set up to answer you yet. Please ask the operator of this bot to configure"
          + " one.";

  private final SecretaryResolver secretaries;
  private final ConversationStore conversations;
  private final ConversationProperties conversationProperties;
  private final SystemPrompt systemPrompt;
  private final Summarizer summarizer;
  private final TurnMemory memory;
  private final AssistantChat chat;
  private final ToolCatalog tools;
  private final Outbox outbox;
  private final TurnLimits limits;

  UserMessageHandler(
      SecretaryResolver secretaries,
      ConversationStore conversations,
      ConversationProperties conversationProperties,
      SystemPrompt systemPrompt,
      Summarizer summarizer,
      TurnMemory memory,
      AssistantChat chat,
      ToolCatalog tools,
      Outbox outbox,
      TurnLimits limits) {
    this.secretaries = secretaries;
    this.conversations = conversations;
    this.conversationProperties = conversationProperties;
    this.systemPrompt = systemPrompt;
    this.summarizer = summarizer;
    this.memory = memory;
    this.chat = chat;
    this.tools = tools;
    this.outbox = outbox;
    this.limits = limits;
  }

  void handle(Envelope envelope) {
    long userId = envelope.userId();
    String text = envelope.text() == null ? "" : envelope.text();
    UserDto user;
    AssistantDto secretary;
    try {
      user = secretaries.user(userId);
      secretary = secretaries.secretaryOf(userId);
    } catch (UserNotRegisteredException e) {
      outbox.error(envelope, Chats.chatOf(envelope, null), UNKNOWN_USER);
      return;
    } catch (NoSecretaryException e) {
      outbox.error(envelope, Chats.chatOf(envelope, null), NO_SECRETARY);
      return;
    }
    long chatId = Chats.chatOf(envelope, user);
    SettingsDto settings = secretaries.settings();
    int window = windowOf(settings);
    ZoneId zone = SystemPrompt.zoneOf(user, settings.defaultTimezone());
    Conversation conversation = conversations.load(userId, window);

    String answer =
        memory.answer(
            envelope.id(),
            () -> {
              // model calls and time of this message, shared with every delegation it makes
              TurnBudget budget = limits.newTurn();
              Map<String, Object> context =
                  tools.contextFor(
                      new ToolUser(userId, chatId, zone, secretary.id()), envelope.id().toString());
              budget.into(context);
              return chat.call(
                  secretary,
                  systemPrompt.build(secretary, user, zone, conversation.summary()),
                  conversation.toMessages(new UserMessage(text)),
                  tools.callbacksFor(secretaries.activeToolsOf(secretary.id())),
                  context,
                  budget);
            });

    memory.once(
        envelope.id(),
        "stored",
        () ->
            conversations.append(
                userId,
                secretary.id(),
                conversation,
                List.of(HistoryMessage.user(text), HistoryMessage.assistant(answer)),
                envelope.id().toString()));
    outbox.reply(envelope, chatId, answer);
    // after the reply, so that the user never waits for it; best effort, retried next turn
    summarizer.compactIfLong(userId, secretary, conversations.load(userId, window), window);
  }

  private int windowOf(SettingsDto settings) {
    Integer window = settings.historyWindow();
    return window == null || window < 2 ? conversationProperties.defaultWindow() : window;
  }
}
