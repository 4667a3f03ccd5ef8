package org.smartassistant.rest.messages;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.messages.MessageWriter.Earlier;
import org.smartassistant.rest.messages.MessageWriter.NewMessage;
import org.smartassistant.rest.settings.SettingsService;
import org.smartassistant.rest.usage.UsageService;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.Idempotency.Outcome;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Appends to, reads the end of, and resets a user's conversation history. */
@Service
public class MessageService {

  private final MessageRepository messages;
  private final MessageWriter writer;
  private final UserLookup users;
  private final SettingsService settings;
  private final UsageService usage;
  private final Clock clock;

  MessageService(
      MessageRepository messages,
      MessageWriter writer,
      UserLookup users,
      SettingsService settings,
      UsageService usage,
      Clock clock) {
    this.messages = messages;
    this.writer = writer;
    this.users = users;
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
    Outcome<List<MessageDto>> outcome =
        store(userId, List.of(request), i -> idempotencyKey, i -> "assistantId");
    return new Outcome<>(outcome.value().get(0), outcome.replayed());
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
    List<AppendMessageRequest> list = request.messages();
    Outcome<List<MessageDto>> outcome =
        store(
            userId,
            list,
            i ->
                idempotencyKey == null
                    ? null
                    : AppendMessagesRequest.keyOf(idempotencyKey, i, list.get(i).role()),
            i -> "messages[" + i + "].assistantId");
    if (!outcome.replayed() && request.usage() != null) {
      request.usage().forEach(line -> usage.recordOfKnownUser(userId, line));
    }
    return outcome;
  }

  /**
   * Stores the messages of a user, each under its key (or none): those whose key was used before
   * are answered by what that stored, the rest inserted in one statement. Replayed when none was
   * new.
   *
   * @throws NotFoundException when the user does not exist
   * @throws InvalidInputException when a message names an assistant that does not exist
   */
  private Outcome<List<MessageDto>> store(
      long userId,
      List<AppendMessageRequest> requests,
      IntFunction<String> keyOf,
      IntFunction<String> assistantField) {
    Set<UUID> named = new HashSet<>();
    requests.forEach(
        request -> {
          if (request.assistantId() != null) {
            named.add(request.assistantId());
          }
        });
    Set<UUID> known = writer.knownAssistants(userId, named);
    if (known == null) {
      throw new NotFoundException("user", userId);
    }
    List<NewMessage> messages = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      AppendMessageRequest request = requests.get(i);
      if (request.assistantId() != null && !known.contains(request.assistantId())) {
        throw new InvalidInputException(
            assistantField.apply(i), "names no assistant: " + request.assistantId());
      }
      String key = keyOf.apply(i);
      messages.add(
          new NewMessage(
              request.assistantId(),
              request.role(),
              request.content(),
              clock.instant(),
              key,
              key == null ? null : Idempotency.digest(request)));
    }
    Map<Integer, MessageDto> inserted = writer.insert(userId, messages);
    if (inserted.size() == messages.size()) {
      return Outcome.created(IntStream.range(0, messages.size()).mapToObj(inserted::get).toList());
    }
    // keys used before: each is answered with what it stored, if it was the same request
    List<String> taken = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (!inserted.containsKey(i)) {
        taken.add(messages.get(i).idempotencyKey());
      }
    }
    Map<String, Earlier> earlier = writer.earlier(userId, taken);
    List<MessageDto> stored = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      MessageDto created = inserted.get(i);
      if (created != null) {
        stored.add(created);
      } else {
        NewMessage message = messages.get(i);
        Earlier before = earlier.get(message.idempotencyKey());
        if (before == null) {
          // deleted since (the history was reset): Idempotency.run tries the request again
          throw new DataIntegrityViolationException(
              "the message of key " + message.idempotencyKey() + " is gone");
        }
        stored.add(
            Idempotency.replay(
                    message.idempotencyKey(),
                    before.requestDigest(),
                    message.requestDigest(),
                    before.message())
                .value());
      }
    }
    return new Outcome<>(stored, inserted.isEmpty());
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
  public ConversationWindowDto window(long userId, Integer limit) {
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
