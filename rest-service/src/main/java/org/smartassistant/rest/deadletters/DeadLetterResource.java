package org.smartassistant.rest.deadletters;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.smartassistant.common.api.DeadLetterDto;
import org.smartassistant.common.api.DeadLetterStreamDto;
import org.smartassistant.common.api.ReplayResultDto;
import org.smartassistant.common.stream.DeadLetterQueue;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/dead-letters}: the entries the consumers gave up on, per stream ({@code inbox},
 * {@code outbox}); list, inspect, replay and drop (docs/operations.md "Dead letters").
 */
@RestController
@Tag(name = "dead letters")
class DeadLetterResource {

  private static final int MAX_LIMIT = 200;

  private final DeadLetterQueue queue;

  DeadLetterResource(DeadLetterQueue queue) {
    this.queue = queue;
  }

  @Operation(summary = "The dead-letter streams and their sizes")
  @GetMapping("/api/dead-letters")
  List<DeadLetterStreamDto> streams() {
    return queue.streams();
  }

  @Operation(
      summary = "A stream's dead letters, newest first",
      description = "limit 1..200 (default 50); before: an entry id, to page to older entries.")
  @GetMapping("/api/dead-letters/{stream}")
  List<DeadLetterDto> list(
      @PathVariable String stream,
      @RequestParam(defaultValue = "50") int limit,
      @RequestParam(required = false) String before) {
    requireStream(stream);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
    }
    if (before != null) {
      requireEntryId(before, "before");
    }
    return queue.list(stream, limit, before);
  }

  @Operation(summary = "One dead letter")
  @GetMapping("/api/dead-letters/{stream}/{id}")
  DeadLetterDto get(@PathVariable String stream, @PathVariable String id) {
    checkPath(stream, id);
    return queue.find(stream, id).orElseThrow(() -> notFound(stream, id));
  }

  @Operation(
      summary = "Put a dead letter back on its stream",
      description =
          "The envelope goes back through the normal rules (order per user, attempts from zero,"
              + " idempotent effects) and the entry leaves the dead-letter stream. 409 when it"
              + " holds no valid envelope or its envelope was handled since.")
  @PostMapping("/api/dead-letters/{stream}/{id}/replay")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ReplayResultDto replay(@PathVariable String stream, @PathVariable String id) {
    checkPath(stream, id);
    try {
      return queue.replay(stream, id).orElseThrow(() -> notFound(stream, id));
    } catch (DeadLetterQueue.NotReplayableException e) {
      throw new ConflictException(e.getMessage());
    }
  }

  @Operation(summary = "Drop a dead letter")
  @DeleteMapping("/api/dead-letters/{stream}/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void drop(@PathVariable String stream, @PathVariable String id) {
    checkPath(stream, id);
    if (!queue.drop(stream, id)) {
      throw notFound(stream, id);
    }
  }

  private static void checkPath(String stream, String id) {
    requireStream(stream);
    requireEntryId(id, "id");
  }

  private static void requireStream(String stream) {
    if (!DeadLetterQueue.isKnown(stream)) {
      throw new NotFoundException(
          "no dead-letter stream '" + stream + "'; the streams are inbox and outbox");
    }
  }

  private static void requireEntryId(String id, String name) {
    if (!DeadLetterQueue.isEntryId(id)) {
      throw new InvalidInputException(name, "must be a stream entry id such as 1733300000000-0");
    }
  }

  private static NotFoundException notFound(String stream, String id) {
    return new NotFoundException("no dead letter " + id + " in " + stream);
  }
}
