package org.smartassistant.common.api;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * The typed client of rest-service's {@code /api} (described in docs/rest-api.md). Built by {@code
 * ServiceClients.create}, it adds the internal token, timeouts and retries. Error answers are
 * thrown as {@code RestClientResponseException}s ({@code HttpClientErrorException.NotFound} for an
 * unknown id, {@code Conflict} for a duplicate); optional query parameters may be null.
 */
@HttpExchange("/api")
public interface RestServiceClient {

  // users

  @PostExchange("/users")
  UserDto createUser(@RequestBody CreateUserRequest request);

  @GetExchange("/users/{id}")
  UserDto user(@PathVariable long id);

  @GetExchange("/users/by-telegram/{telegramId}")
  UserDto userByTelegramId(@PathVariable long telegramId);

  @PatchExchange("/users/{id}")
  UserDto updateUser(@PathVariable long id, @RequestBody UpdateUserRequest request);

  @GetExchange("/users")
  PageDto<UserDto> users(
      @RequestParam(required = false) UserStatus status,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size);

  @DeleteExchange("/users/{id}")
  void deleteUser(@PathVariable long id);

  // user secretary

  @GetExchange("/users/{id}/secretary")
  UserSecretaryDto userSecretary(@PathVariable long id);

  @PutExchange("/users/{id}/secretary")
  UserSecretaryDto setUserSecretary(
      @PathVariable long id, @RequestBody SetSecretaryRequest request);

  @DeleteExchange("/users/{id}/secretary")
  void clearUserSecretary(@PathVariable long id);

  /** The active secretary assistants a user can choose from. */
  @GetExchange("/secretaries")
  PageDto<AssistantDto> secretaries(
      @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size);

  // assistants

  @GetExchange("/assistants")
  PageDto<AssistantDto> assistants(
      @RequestParam(required = false) Boolean isSecretary,
      @RequestParam(required = false) Boolean isActive,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size);

  @GetExchange("/assistants/{id}")
  AssistantDto assistant(@PathVariable UUID id);

  @PostExchange("/assistants")
  AssistantDto createAssistant(@RequestBody CreateAssistantRequest request);

  @PatchExchange("/assistants/{id}")
  AssistantDto updateAssistant(@PathVariable UUID id, @RequestBody UpdateAssistantRequest request);

  @DeleteExchange("/assistants/{id}")
  void deleteAssistant(@PathVariable UUID id);

  // tools and their links to assistants

  @GetExchange("/tools")
  PageDto<ToolDto> tools(
      @RequestParam(required = false) ToolType type,
      @RequestParam(required = false) Boolean isActive,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size);

  @GetExchange("/tools/{id}")
  ToolDto tool(@PathVariable UUID id);

  @PostExchange("/tools")
  ToolDto createTool(@RequestBody CreateToolRequest request);

  @PatchExchange("/tools/{id}")
  ToolDto updateTool(@PathVariable UUID id, @RequestBody UpdateToolRequest request);

  @DeleteExchange("/tools/{id}")
  void deleteTool(@PathVariable UUID id);

  /** All tools linked to an assistant, active or not, ordered by name. */
  @GetExchange("/assistants/{id}/tools")
  List<ToolDto> assistantTools(@PathVariable UUID id);

  @GetExchange("/assistants/{id}/tools/{toolId}")
  ToolDto assistantTool(@PathVariable UUID id, @PathVariable UUID toolId);

  /** Links a tool to an assistant; linking twice is harmless. */
  @PutExchange("/assistants/{id}/tools/{toolId}")
  ToolDto linkTool(@PathVariable UUID id, @PathVariable UUID toolId);

  @DeleteExchange("/assistants/{id}/tools/{toolId}")
  void unlinkTool(@PathVariable UUID id, @PathVariable UUID toolId);

  // MCP servers whose tools assistants may use

  @GetExchange("/mcp-servers/{id}")
  McpServerDto mcpServer(@PathVariable UUID id);

  @PostExchange("/mcp-servers")
  McpServerDto createMcpServer(@RequestBody McpServerRequest request);

  @DeleteExchange("/mcp-servers/{id}")
  void deleteMcpServer(@PathVariable UUID id);

  // reminders

  @PostExchange("/reminders")
  ReminderDto createReminder(@RequestBody CreateReminderRequest request);

  /**
   * Creates a reminder at most once per key and user: the same key again answers the reminder made
   * the first time (409 when the request differs). With a key the call is retried on 5xx; a null
   * key sends none.
   */
  @PostExchange("/reminders")
  ReminderDto createReminder(
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @RequestBody CreateReminderRequest request);

  @GetExchange("/reminders/{id}")
  ReminderDto reminder(@PathVariable UUID id);

  @GetExchange("/reminders")
  PageDto<ReminderDto> reminders(
      @RequestParam(required = false) Long userId,
      @RequestParam(required = false) ReminderStatus status,
      @RequestParam(required = false) ReminderType type,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size);

  @PatchExchange("/reminders/{id}")
  ReminderDto updateReminder(@PathVariable UUID id, @RequestBody UpdateReminderRequest request);

  @DeleteExchange("/reminders/{id}")
  void deleteReminder(@PathVariable UUID id);

  /**
   * Active reminders ordered by id, after the cursor {@code after} (null for the first page).
   * Follow {@code nextCursor} until it is null to get every active reminder exactly once.
   */
  @GetExchange("/reminders/scheduled")
  ScheduledRemindersPage scheduledReminders(
      @RequestParam(required = false) UUID after, @RequestParam(required = false) Integer size);

  @PostExchange("/reminders/{id}/runs")
  ReminderRunDto recordRun(@PathVariable UUID id, @RequestBody CreateReminderRunRequest request);

  @GetExchange("/reminders/{id}/runs")
  PageDto<ReminderRunDto> runs(
      @PathVariable UUID id,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size);

  // calendar credentials

  @GetExchange("/users/{id}/calendar-credentials")
  CalendarCredentialsDto calendarCredentials(@PathVariable long id);

  @PutExchange("/users/{id}/calendar-credentials")
  CalendarCredentialsDto putCalendarCredentials(
      @PathVariable long id, @RequestBody PutCalendarCredentialsRequest request);

  @DeleteExchange("/users/{id}/calendar-credentials")
  void deleteCalendarCredentials(@PathVariable long id);

  // conversation history

  @PostExchange("/users/{id}/messages")
  MessageDto appendMessage(@PathVariable long id, @RequestBody AppendMessageRequest request);

  /**
   * Appends a message at most once per key and user: the same key again answers the message stored
   * the first time (409 when the request differs). With a key the call is retried on 5xx; a null
   * key sends none.
   */
  @PostExchange("/users/{id}/messages")
  MessageDto appendMessage(
      @PathVariable long id,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @RequestBody AppendMessageRequest request);

  /**
   * Appends the messages in order, in one transaction. With a key {@code K} each is stored at most
   * once under {@code K:<position>:<role>} (see {@link AppendMessagesRequest}); the call is retried
   * on 5xx as a single keyed append is.
   */
  @PostExchange("/users/{id}/messages/batch")
  List<MessageDto> appendMessages(
      @PathVariable long id,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @RequestBody AppendMessagesRequest request);

  /**
   * Stores several turns' history, of one user or of many, each as {@link #appendMessages} would
   * and in its own transaction, in one request; each turn has its own outcome. Sent once: a turn
   * that was not stored is sent again on its own (see {@code HistoryBatches} in the assistant).
   */
  @PostExchange("/messages/batch")
  AppendTurnsResult appendTurns(@RequestBody AppendTurnsRequest request);

  /** The last {@code limit} messages (default: the settings' history window), oldest first. */
  @GetExchange("/users/{id}/messages")
  List<MessageDto> messages(
      @PathVariable long id,
      @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) MessageRole role);

  /**
   * The last {@code limit} messages (default: the settings' history window), oldest first, and the
   * newest summary: what {@link #messages} twice would give, in one request.
   */
  @GetExchange("/users/{id}/messages/window")
  ConversationWindowDto conversationWindow(
      @PathVariable long id, @RequestParam(required = false) Integer limit);

  /**
   * What a turn reads before it asks the model, in one request: the user, their secretary (null
   * when none), the last {@code window} messages with the newest summary, and at most {@code facts}
   * facts, those sharing a word with {@code q} first, the rest filled with the newest (none with
   * {@code facts} 0). 404 when the user is unknown.
   */
  @GetExchange("/users/{id}/turn-context")
  TurnContextDto turnContext(
      @PathVariable long id,
      @RequestParam int window,
      @RequestParam(required = false) String q,
      @RequestParam int facts);

  /** Forgets the conversation. */
  @DeleteExchange("/users/{id}/messages")
  void resetMessages(@PathVariable long id);

  // long-term memory

  /**
   * Keeps a fact about the user, at most once per key (the same key again answers the fact kept the
   * first time; 409 when the request differs). 409 too when the user has as many facts as allowed.
   */
  @PostExchange("/users/{id}/memories")
  MemoryDto saveMemory(
      @PathVariable long id,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @RequestBody SaveMemoryRequest request);

  /**
   * The user's facts: without {@code q} the newest first; with {@code q} those sharing a word with
   * it, the most relevant first. At most {@code limit} (default 100).
   */
  @GetExchange("/users/{id}/memories")
  List<MemoryDto> memories(
      @PathVariable long id,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) Integer limit);

  /**
   * As {@link #memories} with {@code q}, the rest of {@code limit} filled with the newest other
   * facts: what a prompt shows, in one request.
   */
  @GetExchange("/users/{id}/memories?fill=newest")
  List<MemoryDto> memoriesFilled(
      @PathVariable long id, @RequestParam String q, @RequestParam int limit);

  /** Forgets one fact; 404 when it is not this user's. */
  @DeleteExchange("/users/{id}/memories/{memoryId}")
  void forgetMemory(@PathVariable long id, @PathVariable long memoryId);

  /** Forgets every fact kept about the user. */
  @DeleteExchange("/users/{id}/memories")
  void forgetAllMemories(@PathVariable long id);

  // usage of the models

  /** Adds what model calls cost to the user's usage of the day (UTC) of {@code at}. */
  @PostExchange("/users/{id}/usage")
  void recordUsage(@PathVariable long id, @RequestBody RecordUsageRequest request);

  /** The user's usage from {@code from} to {@code to} (UTC days, both included; default today). */
  @GetExchange("/users/{id}/usage")
  UsageDto usage(
      @PathVariable long id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to);

  // settings

  @GetExchange("/settings")
  SettingsDto settings();

  @PatchExchange("/settings")
  SettingsDto updateSettings(@RequestBody UpdateSettingsRequest request);
}
