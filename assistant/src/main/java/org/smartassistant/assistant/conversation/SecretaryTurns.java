package org.smartassistant.assistant.conversation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.smartassistant.assistant.llm.AssistantChat;
import org.smartassistant.assistant.llm.DailyBudget;
import org.smartassistant.assistant.llm.TurnLimits;
import org.smartassistant.assistant.llm.UsageRecorder;
import org.smartassistant.assistant.secretary.SecretaryResolver;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.SettingsDto;
import org.smartassistant.common.api.UserDto;
import org.springframework.stereotype.Component;

/**
 * Opens {@link SecretaryTurn}s, and holds what every turn uses: the user's zone, the window size,
 * the stores, the model, the tools, the daily budget, the usage records and the facts kept about
 * the user.
 */
@Component
public class SecretaryTurns {

  final SecretaryResolver secretaries;
  final ConversationStore conversations;
  final SystemPrompt systemPrompt;
  final Summarizer summarizer;
  final TurnMemory memory;
  final AssistantChat chat;
  final TurnLimits limits;
  final TurnTools tools;
  final DailyBudget budgets;
  final UsageRecorder usage;
  final KnownFacts facts;
  private final ConversationProperties properties;

  SecretaryTurns(
      SecretaryResolver secretaries,
      ConversationStore conversations,
      ConversationProperties properties,
      SystemPrompt systemPrompt,
      Summarizer summarizer,
      TurnMemory memory,
      AssistantChat chat,
      TurnLimits limits,
      TurnTools tools,
      DailyBudget budgets,
      UsageRecorder usage,
      KnownFacts facts) {
    this.secretaries = secretaries;
    this.conversations = conversations;
    this.properties = properties;
    this.systemPrompt = systemPrompt;
    this.summarizer = summarizer;
    this.memory = memory;
    this.chat = chat;
    this.limits = limits;
    this.tools = tools;
    this.budgets = budgets;
    this.usage = usage;
    this.facts = facts;
  }

  /**
   * A turn in the user's zone (their own, else the settings' default, else UTC).
   *
   * @param id what the turn's steps are remembered under, e.g. the inbox envelope's id
   * @param secretary who speaks, or null when no one can (the turn then only stores)
   * @param chatId the chat the turn is said in
   */
  public SecretaryTurn open(UUID id, UserDto user, AssistantDto secretary, long chatId) {
    SettingsDto settings = secretaries.settings();
    return new SecretaryTurn(
        this,
        id,
        user,
        secretary,
        chatId,
        zoneOf(user, zone(settings.defaultTimezone())),
        windowOf(settings));
  }

  /** A turn in the given zone (e.g. the one a reminder is told in); see the other open. */
  public SecretaryTurn open(
      UUID id, UserDto user, AssistantDto secretary, long chatId, ZoneId zone) {
    return new SecretaryTurn(this, id, user, secretary, chatId, zone, null);
  }

  /** The user's zone: their own, else the settings' default, else UTC. */
  public ZoneId zoneOf(UserDto user) {
    return zoneOf(user, zone(secretaries.settings().defaultTimezone()));
  }

  /**
   * The zone a user is spoken to in: their own, else {@code fallback}, else UTC. An invalid zone
   * name counts as none: it must not stop the conversation.
   *
   * @param user the user, or null when unknown
   * @param fallback e.g. the settings' default or a reminder's zone; may be null
   */
  public static ZoneId zoneOf(UserDto user, ZoneId fallback) {
    ZoneId own = user == null ? null : zone(user.timezone());
    if (own != null) {
      return own;
    }
    return fallback != null ? fallback : ZoneOffset.UTC;
  }

  /** How many messages a turn's window holds (the settings' history window, else the default). */
  public int window() {
    return windowOf(secretaries.settings());
  }

  private int windowOf(SettingsDto settings) {
    Integer window = settings.historyWindow();
    return window == null || window < 2 ? properties.defaultWindow() : window;
  }

  private static ZoneId zone(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(name);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
