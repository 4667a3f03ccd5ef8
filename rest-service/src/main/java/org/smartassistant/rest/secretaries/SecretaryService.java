package org.smartassistant.rest.secretaries;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.smartassistant.common.api.AssistantDto;
import org.smartassistant.common.api.SecretarySource;
import org.smartassistant.common.api.UserSecretaryDto;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.assistants.AssistantLookup;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.settings.SettingsService;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which secretary a user talks to. An assignment to an active secretary wins; otherwise the global
 * default secretary of the settings answers.
 */
@Service
public class SecretaryService {

  private final UserSecretaryRepository assignments;
  private final UserLookup users;
  private final AssistantLookup assistants;
  private final SettingsService settings;
  private final ChangeEvents events;
  private final Clock clock;

  SecretaryService(
      UserSecretaryRepository assignments,
      UserLookup users,
      AssistantLookup assistants,
      SettingsService settings,
      ChangeEvents events,
      Clock clock) {
    this.assignments = assignments;
    this.users = users;
    this.assistants = assistants;
    this.settings = settings;
    this.events = events;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  public UserSecretaryDto get(long userId) {
    return find(userId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "user " + userId + " has no secretary and no active default secretary is set"));
  }

  /**
   * The secretary that answers the user: the one assigned, else the default; empty when neither is
   * usable. 404 (NotFoundException) when the user is unknown.
   */
  @Transactional(readOnly = true)
  public Optional<UserSecretaryDto> find(long userId) {
    users.require(userId);
    Optional<UserSecretary> assigned = assignments.findByUserIdAndActiveTrue(userId);
    if (assigned.isPresent()) {
      Optional<AssistantDto> assistant =
          assistants.find(assigned.get().assistantId()).filter(SecretaryService::usable);
      if (assistant.isPresent()) {
        return Optional.of(
            new UserSecretaryDto(
                userId, assistant.get(), SecretarySource.ASSIGNED, assigned.get().assignedAt()));
      }
    }
    UUID defaultId = settings.current().defaultSecretaryId();
    return assistants
        .find(defaultId)
        .filter(SecretaryService::usable)
        .map(assistant -> new UserSecretaryDto(userId, assistant, SecretarySource.DEFAULT, null));
  }

  /**
   * Replaces the user's secretary. The user's row is locked first so that concurrent requests for
   * one user are applied one after the other; the partial unique index guarantees the outcome even
   * for writers that skip the lock.
   */
  @Transactional
  public UserSecretaryDto set(long userId, UUID assistantId) {
    users.lock(userId);
    AssistantDto assistant =
        assistants
            .find(assistantId)
            .filter(SecretaryService::usable)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "assistantId", "must name an active secretary assistant"));
    Instant now = clock.instant();
    Optional<UserSecretary> current = assignments.findByUserIdAndActiveTrue(userId);
    if (current.isPresent() && current.get().assistantId().equals(assistantId)) {
      return new UserSecretaryDto(
          userId, assistant, SecretarySource.ASSIGNED, current.get().assignedAt());
    }
    current.ifPresent(
        previous -> {
          previous.deactivate(now);
          assignments.flush(); // the old row must be inactive before the new one is inserted
        });
    UserSecretary assignment =
        assignments.saveAndFlush(new UserSecretary(userId, assistantId, now));
    events.record(
        ChangeKind.SECRETARY,
        userId,
        current.isPresent() ? ChangeType.UPDATED : ChangeType.CREATED,
        Map.of(
            ChangeEvent.USER_ID,
            Long.toString(userId),
            ChangeEvent.ASSISTANT_ID,
            assistantId.toString()));
    return new UserSecretaryDto(
        userId, assistant, SecretarySource.ASSIGNED, assignment.assignedAt());
  }

  /** Removes the user's assignment, so the default secretary answers again. */
  @Transactional
  void clear(long userId) {
    users.lock(userId);
    UserSecretary current =
        assignments
            .findByUserIdAndActiveTrue(userId)
            .orElseThrow(
                () -> new NotFoundException("user " + userId + " has no assigned secretary"));
    current.deactivate(clock.instant());
    assignments.flush();
    events.record(
        ChangeKind.SECRETARY,
        userId,
        ChangeType.DELETED,
        Map.of(
            ChangeEvent.USER_ID,
            Long.toString(userId),
            ChangeEvent.ASSISTANT_ID,
            current.assistantId().toString()));
  }

  private static boolean usable(AssistantDto assistant) {
    return Boolean.TRUE.equals(assistant.isSecretary())
        && Boolean.TRUE.equals(assistant.isActive());
  }
}
