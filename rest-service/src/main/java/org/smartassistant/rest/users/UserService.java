package org.smartassistant.rest.users;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.smartassistant.common.api.CreateUserRequest;
import org.smartassistant.common.api.PageDto;
import org.smartassistant.common.api.UpdateUserRequest;
import org.smartassistant.common.api.UserDto;
import org.smartassistant.common.api.UserStatus;
import org.smartassistant.common.events.ChangeEvent;
import org.smartassistant.common.events.ChangeKind;
import org.smartassistant.common.events.ChangeType;
import org.smartassistant.rest.changes.ChangeEvents;
import org.smartassistant.rest.settings.Settings;
import org.smartassistant.rest.settings.SettingsService;
import org.smartassistant.rest.web.ConflictException;
import org.smartassistant.rest.web.FieldErrors;
import org.smartassistant.rest.web.NotFoundException;
import org.smartassistant.rest.web.Paging;
import org.smartassistant.rest.web.TimeZones;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers and changes users; a new user takes the global default zone and language. */
@Service
public class UserService {

  private static final String LANGUAGE = "[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*";

  private final UserRepository users;
  private final SettingsService settings;
  private final ChangeEvents events;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  UserService(
      UserRepository users,
      SettingsService settings,
      ChangeEvents events,
      JdbcTemplate jdbc,
      Clock clock) {
    this.users = users;
    this.settings = settings;
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Transactional
  UserDto create(CreateUserRequest request) {
    FieldErrors errors = new FieldErrors();
    TimeZones.check(errors, "timezone", request.timezone());
    checkLanguage(errors, request.language());
    errors.throwIfAny();
    if (users.existsByTelegramId(request.telegramId())) {
      throw new ConflictException(
          "a user with telegramId " + request.telegramId() + " already exists");
    }
    Settings defaults = settings.current();
    Instant now = clock.instant();
    User user =
        new User(
            request.telegramId(),
            request.timezone() != null ? request.timezone() : defaults.defaultTimezone(),
            now);
    user.setUsername(request.username());
    user.setFirstName(request.firstName());
    user.setPreferredName(request.preferredName());
    user.setLanguage(request.language() != null ? request.language() : defaults.defaultLanguage());
    users.saveAndFlush(user);
    events.record(ChangeKind.USER, user.id(), ChangeType.CREATED);
    return user.toDto();
  }

  @Transactional(readOnly = true)
  public UserDto get(long id) {
    return load(id).toDto();
  }

  @Transactional(readOnly = true)
  UserDto byTelegramId(long telegramId) {
    return users
        .findByTelegramId(telegramId)
        .map(User::toDto)
        .orElseThrow(() -> new NotFoundException("no user with telegramId " + telegramId));
  }

  @Transactional(readOnly = true)
  public PageDto<UserDto> list(UserStatus status, int page, int size) {
    var request = Paging.of(page, size, Sort.by("id"));
    var found = status == null ? users.findAll(request) : users.findByStatus(status, request);
    return Paging.toDto(found, User::toDto);
  }

  @Transactional
  public UserDto update(long id, UpdateUserRequest request) {
    FieldErrors errors = new FieldErrors();
    TimeZones.check(errors, "timezone", request.timezone());
    checkLanguage(errors, request.language());
    errors.throwIfAny();
    User user = load(id);
    if (request.username() != null) {
      user.setUsername(request.username());
    }
    if (request.firstName() != null) {
      user.setFirstName(request.firstName());
    }
    if (request.preferredName() != null) {
      user.setPreferredName(request.preferredName());
    }
    if (request.timezone() != null) {
      user.setTimezone(request.timezone());
    }
    if (request.language() != null) {
      user.setLanguage(request.language());
    }
    if (request.status() != null) {
      user.setStatus(request.status());
    }
    user.touch(clock.instant());
    users.flush();
    events.record(ChangeKind.USER, id, ChangeType.UPDATED);
    return user.toDto();
  }

  /** Deletes a user with everything that belongs to the user (reminders, history, tokens). */
  @Transactional
  void delete(long id) {
    User user = load(id);
    List<UUID> reminders =
        jdbc.queryForList("SELECT id FROM reminders WHERE user_id = ?", UUID.class, id);
    boolean hadSecretary =
        Boolean.TRUE.equals(
            jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM user_secretaries WHERE user_id = ? AND active)",
                Boolean.class,
                id));
    users.delete(user);
    users.flush();
    Map<String, String> owner = Map.of(ChangeEvent.USER_ID, Long.toString(id));
    for (UUID reminder : reminders) {
      events.record(ChangeKind.REMINDER, reminder, ChangeType.DELETED, owner);
    }
    if (hadSecretary) {
      events.record(ChangeKind.SECRETARY, id, ChangeType.DELETED, owner);
    }
    events.record(ChangeKind.USER, id, ChangeType.DELETED);
  }

  private static void checkLanguage(FieldErrors errors, String language) {
    if (language != null && !language.matches(LANGUAGE)) {
      errors.reject("language", "must be a language tag such as en or pt-BR");
    }
  }

  private User load(long id) {
    return users.findById(id).orElseThrow(() -> new NotFoundException("user", id));
  }
}
