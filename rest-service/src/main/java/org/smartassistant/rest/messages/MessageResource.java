package org.smartassistant.rest.messages;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.smartassistant.common.api.AppendMessageRequest;
import org.smartassistant.common.api.AppendMessagesRequest;
import org.smartassistant.common.api.ConversationWindowDto;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.api.MessageDto;
import org.smartassistant.common.api.MessageRole;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.web.Idempotency;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users/{id}/messages}: a user's conversation history. */
@RestController
@RequestMapping("/api/users/{id}/messages")
@Tag(name = "messages")
class MessageResource {

  static final int MAX_LIMIT = 500;

  /** Room kept in a batch's key for {@code :<position>:<role>}. */
  private static final int KEY_SUFFIX = ":19:assistant".length();

  private final MessageService service;

  MessageResource(MessageService service) {
    this.service = service;
  }

  @Operation(
      summary = "Append a message",
      description =
          "201 with the message. With an Idempotency-Key header the same key of the same user"
              + " answers the message appended the first time (200, Idempotent-Replayed: true)"
              + " and appends nothing; the same key with a different request answers 409.")
  @PostMapping
  ResponseEntity<MessageDto> append(
      @PathVariable long id,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody AppendMessageRequest request) {
    String key = Idempotency.check(idempotencyKey);
    return Idempotency.answer(Idempotency.run(key, () -> service.append(id, request, key)), null);
  }

  @Operation(
      summary = "Append several messages in order, in one transaction",
      description =
          "201 with the messages (at most "
              + AppendMessagesRequest.MAX_MESSAGES
              + "). With an Idempotency-Key K the message at position i is appended under the key"
              + " K:<i>:<role>, as a single append with that key would be: when all of them were"
              + " appended before, 200 with Idempotent-Replayed: true and nothing is written."
              + " usage (optional): what the turn's model calls cost, each line as POST"
              + " /api/users/{id}/usage records it, added in the same transaction when a message"
              + " was new (never twice for a replayed batch).")
  @PostMapping("/batch")
  ResponseEntity<List<MessageDto>> appendAll(
      @PathVariable long id,
      @RequestHeader(name = IdempotencyKey.HEADER, required = false) String idempotencyKey,
      @Valid @RequestBody AppendMessagesRequest request) {
    String key = batchKey(idempotencyKey);
    return Idempotency.answer(
        Idempotency.run(key, () -> service.appendAll(id, request, key)), null);
  }

  /**
   * The idempotency key of a batch as sent, or null without one.
   *
   * @throws InvalidInputException when it is blank, or too long to take each message's suffix
   */
  static String batchKey(String idempotencyKey) {
    String key = Idempotency.check(idempotencyKey);
    if (key != null && key.length() > IdempotencyKey.MAX_LENGTH - KEY_SUFFIX) {
      throw new InvalidInputException(
          IdempotencyKey.HEADER,
          "must be at most " + (IdempotencyKey.MAX_LENGTH - KEY_SUFFIX) + " characters on a batch");
    }
    return key;
  }

  @Operation(
      summary = "The last messages, oldest first",
      description = "limit defaults to the settings' historyWindow; at most 500.")
  @GetMapping
  List<MessageDto> latest(
      @PathVariable long id,
      @RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) Integer limit,
      @RequestParam(required = false) MessageRole role) {
    return service.latest(id, limit, role);
  }

  @Operation(
      summary = "The last messages and the newest summary, in one request",
      description =
          "messages: the last limit messages (default: the settings' historyWindow; at most 500),"
              + " oldest first; summary: the content of the latest system message, or null.")
  @GetMapping("/window")
  ConversationWindowDto window(
      @PathVariable long id,
      @RequestParam(required = false) @Min(1) @Max(MAX_LIMIT) Integer limit) {
    return service.window(id, limit);
  }

  @Operation(summary = "Reset the conversation (delete the history)")
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void reset(@PathVariable long id) {
    service.reset(id);
  }
}
