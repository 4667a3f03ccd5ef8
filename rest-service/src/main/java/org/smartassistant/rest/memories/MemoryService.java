package org.smartassistant.rest.memories;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.smartassistant.common.api.MemoryDto;
import org.smartassistant.common.api.SaveMemoryRequest;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.Idempotency;
import org.smartassistant.rest.web.Idempotency.Outcome;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps, finds and forgets the facts kept about a user; every query is bounded by the user. Every
 * fact kept or forgotten is announced on {@code changes:memory} under the user's id.
 */
@Service
public class MemoryService {

  private final MemoryRepository memories;
  private final UserLookup users;
  private final MemoryLimits limits;
  private final Clock clock;
  private final ChangeEvents events;

  MemoryService(
      MemoryRepository memories,
      UserLookup users,
      MemoryLimits limits,
      Clock clock,
      ChangeEvents events) {
    this.memories = memories;
    this.users = users;
    this.limits = limits;
    this.clock = clock;
    this.events = events;
  }

  /**
   * Keeps the fact; a key this user used before answers the fact it kept (409 when that request was
   * another one). 409 when the user already has as many facts as allowed.
   */
  @Transactional
  Outcome<MemoryDto> save(long userId, SaveMemoryRequest request, String idempotencyKey) {
    users.lock(userId);
    String digest = idempotencyKey == null ? null : Idempotency.digest(request);
    if (idempotencyKey != null) {
      Optional<Memory> earlier = memories.findByUserIdAndIdempotencyKey(userId, idempotencyKey);
      if (earlier.isPresent()) {
        return Idempotency.replay(
            idempotencyKey, earlier.get().requestDigest(), digest, earlier.get().toDto());
      }
    }
    long kept = memories.countByUserId(userId);
    if (kept >= limits.maxPerUser()) {
      throw new ConflictException(
          "user "
              + userId
              + " already has "
              + kept
              + " memories, the most allowed is "
              + limits.maxPerUser()
              + "; forget one before saving another");
    }
    Memory memory =
        new Memory(userId, request.content().strip(), clock.instant(), idempotencyKey, digest);
    MemoryDto saved = memories.saveAndFlush(memory).toDto();
    events.record(ChangeKind.MEMORY, userId, ChangeType.CREATED);
    return Outcome.created(saved);
  }

  /** Without a query the newest first; with one the facts sharing a word, most relevant first. */
  @Transactional(readOnly = true)
  public List<MemoryDto> find(long userId, String query, int limit) {
    return read(userId, query, limit, memories::search);
  }

  /**
   * As {@link #find} with the query, the rest of {@code limit} filled with the newest facts that
   * did not match: what a prompt shows, in one query.
   */
  @Transactional(readOnly = true)
  public List<MemoryDto> findFilled(long userId, String query, int limit) {
    return read(userId, query, limit, memories::searchFilled);
  }

  /** The user's newest facts without a query, else what {@code search} finds for it. */
  private List<MemoryDto> read(long userId, String query, int limit, Search search) {
    users.require(userId);
    List<Memory> found =
        query == null || query.isBlank()
            ? memories.findNewest(userId, limit)
            : search.find(userId, query, limit);
    return found.stream().map(Memory::toDto).toList();
  }

  /** One of the repository's full-text searches. */
  @FunctionalInterface
  private interface Search {
    List<Memory> find(long userId, String query, int limit);
  }

  /** Forgets one of the user's facts; 404 when the id names none of this user's. */
  @Transactional
  void forget(long userId, long memoryId) {
    users.require(userId);
    Memory memory =
        memories
            .findByIdAndUserId(memoryId, userId)
            .orElseThrow(() -> new NotFoundException("memory " + memoryId + " of user " + userId));
    memories.delete(memory);
    events.record(ChangeKind.MEMORY, userId, ChangeType.DELETED);
  }

  /** Forgets every fact kept about the user; returns how many. */
  @Transactional
  int forgetAll(long userId) {
    users.require(userId);
    int forgotten = memories.deleteByUser(userId);
    if (forgotten > 0) {
      events.record(ChangeKind.MEMORY, userId, ChangeType.DELETED);
    }
    return forgotten;
  }
}
