package org.smartassistant.rest.messages;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.settings.SettingsService;
import org.smartassistant.rest.usage.UsageService;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.Idempotency.Outcome;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Appends to, reads the end of, and resets a user's conversation history. */
@Service
public class MessageService {

  private final MessageRepository messages;
  private final UserLookup users;
  private final AssistantLookup assistants;
  private final SettingsService settings;
  private final UsageService usage;
  private final Clock clock;

  MessageService(
      MessageRepository messages,
      UserLookup users,
      AssistantLookup assistants,
      SettingsService settings,
      UsageService usage,
      Clock clock) {
    this.messages = messages;
    this.users = users;
    this.assistants = assistants;
    this.settings = settings;
    this.usage = usage;
    this.clock = clock;
  }

  @Transactional
  MessageDto append(long userId, AppendMessageRequest request) {
    return append(userId, request, null).value();
  }

  /**
   * Appends the message; with an idempotency key, a key this user used before answers the message
   * it appended (replayed, nothing written), or 409 when that request was a different one.
   */
  @Transactional
  Outcome<MessageDto> append(long userId, AppendMessageRequest request, String idempotencyKey) {
    users.require(userId);
    if (request.assistantId() != null && !assistants.exists(request.assistantId())) {
      throw new InvalidInputException(
          "assistantId", "names no assistant: " + request.assistantId());
    }
    return appendChecked(userId, request, idempotencyKey);
  }

  /** Appends one message of a user and assistant known to exist. */
  private Outcome<MessageDto> appendChecked(
      long userId, AppendMessageRequest request, String idempotencyKey) {
    Message earlier =
        idempotencyKey == null
            ? null
            : messages.findByUserIdAndIdempotencyKey(userId, idempotencyKey).orElse(null);
    return appendChecked(userId, request, idempotencyKey, earlier);
  }

  /**
   * Appends one message of a user and assistant known to exist, unless {@code earlier}, the message
   * stored under its idempotency key before (or null), answers it.
   */
  private Outcome<MessageDto> appendChecked(
      long userId, AppendMessageRequest request, String idempotencyKey, Message earlier) {
    String digest = idempotencyKey == null ? null : Idempotency.digest(request);
    if (earlier != null) {
      return Idempotency.replay(idempotencyKey, earlier.requestDigest(), digest, earlier.toDto());
    }
    Message message =
        new Message(
            userId, request.assistantId(), request.role(), request.content(), clock.instant());
    message.setIdempotency(idempotencyKey, digest);
    // inserted at once (an identity column): a key taken meanwhile fails here, as Idempotency.run
    // expects
    return Outcome.created(messages.save(message).toDto());
  }

  /**
   * Appends the messages in order, in one transaction. With an idempotency key {@code K} each is
   * appended under {@code K:<position>:<role>} as {@link #append(long, AppendMessageRequest,
   * String)} would: one stored before is answered, not written again. Replayed when none was new.
   * The request's usage lines are added when a message was new, in the same transaction.
   */
  @Transactional
  Outcome<List<MessageDto>> appendAll(
      long userId, AppendMessagesRequest request, String idempotencyKey) {
    users.require(userId);
    // the messages an earlier try of this batch stored, in one query
    Map<String, Message> earlier = new HashMap<>();
    if (idempotencyKey != null) {
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < request.messages().size(); i++) {
        keys.add(AppendMessagesRequest.keyOf(idempotencyKey, i, request.messages().get(i).role()));
      }
      messages
          .findByUserIdAndIdempotencyKeyIn(userId, keys)
          .forEach(message -> earlier.put(message.idempotencyKey(), message));
    }
    Set<UUID> assistantsSeen = new HashSet<>();
    List<MessageDto> stored = new ArrayList<>();
    boolean created = false;
    for (int i = 0; i < request.messages().size(); i++) {
      AppendMessageRequest one = request.messages().get(i);
      String key =
          idempotencyKey == null
              ? null
              : AppendMessagesRequest.keyOf(idempotencyKey, i, one.role());
      if (one.assistantId() != null
          && assistantsSeen.add(one.assistantId())
          && !assistants.exists(one.assistantId())) {
        throw new InvalidInputException(
            "messages[" + i + "].assistantId", "names no assistant: " + one.assistantId());
      }
      Outcome<MessageDto> outcome = appendChecked(userId, one, key, earlier.get(key));
      created |= !outcome.replayed();
      stored.add(outcome.value());
    }
    if (created && request.usage() != null) {
      request.usage().forEach(line -> usage.record(userId, line));
    }
    return new Outcome<>(stored, !created);
  }

  /** The last {@code limit} messages (default: the history window), oldest first. */
  @Transactional(readOnly = true)
  public List<MessageDto> latest(long userId, Integer limit, MessageRole role) {
    users.require(userId);
    int count = limit != null ? limit : settings.current().historyWindow();
    PageRequest page = PageRequest.of(0, count);
    List<Message> newestFirst =
        role == null
            ? messages.findLatest(userId, page)
            : messages.findLatestByRole(userId, role, page);
    List<MessageDto> result = new ArrayList<>(newestFirst.stream().map(Message::toDto).toList());
    Collections.reverse(result);
    return result;
  }

  /** The last {@code limit} messages (default: the history window) and the newest summary. */
  @Transactional(readOnly = true)
  ConversationWindowDto window(long userId, Integer limit) {
    List<MessageDto> latest = latest(userId, limit, null);
    List<Message> summaries =
        messages.findLatestByRole(userId, MessageRole.SYSTEM, PageRequest.of(0, 1));
    return new ConversationWindowDto(
        summaries.isEmpty() ? null : summaries.get(0).toDto().content(), latest);
  }

  /** Forgets the user's conversation; returns how many messages were deleted. */
  @Transactional
  int reset(long userId) {
    users.require(userId);
    return messages.deleteByUser(userId);
  }
}
