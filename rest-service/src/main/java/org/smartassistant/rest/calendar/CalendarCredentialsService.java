package org.smartassistant.rest.calendar;

import java.time.Clock;
import java.time.Instant;
import org.smartassistant.common.api.CalendarCredentialsDto;
import org.smartassistant.common.api.PutCalendarCredentialsRequest;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.users.UserLookup;
import org.smartassistant.rest.web.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Stores calendar tokens encrypted and hands them back decrypted to the calling service. */
@Service
class CalendarCredentialsService {

  private final CalendarCredentialsRepository credentials;
  private final CredentialsCipher cipher;
  private final UserLookup users;
  private final Clock clock;

  CalendarCredentialsService(
      CalendarCredentialsRepository credentials,
      CredentialsCipher cipher,
      UserLookup users,
      Clock clock) {
    this.credentials = credentials;
    this.cipher = cipher;
    this.users = users;
    this.clock = clock;
  }

  @Transactional(readOnly = true)
  CalendarCredentialsDto get(long userId) {
    users.require(userId);
    return toDto(
        credentials
            .findById(userId)
            .orElseThrow(
                () -> new NotFoundException("user " + userId + " has no calendar credentials")));
  }

  /** Stores the tokens; without a refresh token the stored one is kept (a refresh returns none). */
  @Transactional
  Stored put(long userId, PutCalendarCredentialsRequest request) {
    users.lock(userId);
    Instant now = clock.instant();
    CalendarCredentials existing = credentials.findById(userId).orElse(null);
    boolean created = existing == null;
    if (created && (request.refreshToken() == null || request.refreshToken().isBlank())) {
      throw new InvalidInputException(
          "refreshToken", "is required when a user's calendar is connected the first time");
    }
    CalendarCredentials row = created ? new CalendarCredentials(userId, now) : existing;
    row.setAccessToken(cipher.encrypt(request.accessToken(), context(userId, "access")));
    if (request.refreshToken() != null && !request.refreshToken().isBlank()) {
      row.setRefreshToken(cipher.encrypt(request.refreshToken(), context(userId, "refresh")));
    }
    row.setExpiresAt(request.expiresAt());
    if (request.scope() != null) {
      row.setScope(request.scope());
    }
    row.touch(now);
    credentials.saveAndFlush(row);
    return new Stored(toDto(row), created);
  }

  @Transactional
  void delete(long userId) {
    users.require(userId);
    CalendarCredentials row =
        credentials
            .findById(userId)
            .orElseThrow(
                () -> new NotFoundException("user " + userId + " has no calendar credentials"));
    credentials.delete(row);
  }

  /** The stored credentials and whether this call created them. */
  record Stored(CalendarCredentialsDto credentials, boolean created) {}

  private CalendarCredentialsDto toDto(CalendarCredentials row) {
    return new CalendarCredentialsDto(
        row.userId(),
        cipher.decrypt(row.accessToken(), context(row.userId(), "access")),
        cipher.decrypt(row.refreshToken(), context(row.userId(), "refresh")),
        row.expiresAt(),
        row.scope(),
        row.createdAt(),
        row.updatedAt());
  }

  private static String context(long userId, String column) {
    return "calendar_credentials:" + userId + ":" + column;
  }
}
