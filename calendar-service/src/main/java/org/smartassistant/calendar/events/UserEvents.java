package org.smartassistant.calendar.events;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.calendar.credentials.GoogleAccess;
import org.smartassistant.calendar.google.GoogleCalendarApi;
import org.smartassistant.calendar.google.GoogleCalendarApi.EventWindow;
import org.smartassistant.common.api.IdempotencyKey;
import org.smartassistant.common.calendar.CalendarEventDto;
import org.smartassistant.common.calendar.CreateCalendarEventRequest;
import org.smartassistant.common.web.FieldProblem;
import org.smartassistant.common.web.InvalidInputException;
import org.springframework.stereotype.Service;

/** Lists and creates events in a user's primary Google calendar. */
@Service
class UserEvents {

  /** The window listed when the caller gives no end. */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

  /** The longest window one call may ask for. */
  static final Duration MAX_WINDOW = Duration.ofDays(366);

  /** The most events one call returns. */
  static final int MAX_EVENTS = 500;

  /** Characters of a derived event id: 256 bits in base32. */
  static final int EVENT_ID_LENGTH = 52;

  private static final Logger log = LoggerFactory.getLogger(UserEvents.class);

  private final GoogleAccess access;
  private final GoogleCalendarApi calendar;
  private final EventChanges changes;
  private final Clock clock;

  UserEvents(GoogleAccess access, GoogleCalendarApi calendar, EventChanges changes, Clock clock) {
    this.access = access;
    this.calendar = calendar;
    this.changes = changes;
    this.clock = clock;
  }

  /** Events overlapping {@code [from, to)}; from defaults to now, to to from + 7 days. */
  List<CalendarEventDto> list(long userId, Instant from, Instant to) {
    Instant start = from == null ? clock.instant() : from;
    Instant end = to == null ? start.plus(DEFAULT_WINDOW) : to;
    if (!end.isAfter(start)) {
      throw new InvalidInputException(List.of(new FieldProblem("to", "must be after from")));
    }
    if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
      throw new InvalidInputException(
          List.of(new FieldProblem("to", "must be at most 366 days after from")));
    }
    EventWindow window =
        access.withAccessToken(userId, token -> calendar.list(token, start, end, MAX_EVENTS));
    if (window.truncated()) {
      log.info("user {}: more than {} events between {} and {}", userId, MAX_EVENTS, start, end);
    }
    return window.events().stream()
        .filter(event -> !"cancelled".equals(event.getStatus()))
        .map(event -> EventConversion.toDto(event, window.timeZone()))
        .toList();
  }

  CalendarEventDto create(long userId, CreateCalendarEventRequest request) {
    return create(userId, request, null);
  }

  /**
   * Creates the event; with an idempotency key its Google id is derived from the user and the key
   * ({@link #eventIdOf}), so that a repeated create finds the event at Google instead of adding a
   * second one.
   */
  CalendarEventDto create(long userId, CreateCalendarEventRequest request, String idempotencyKey) {
    ZoneId zone = validate(request);
    if (idempotencyKey != null
        && (idempotencyKey.isBlank() || idempotencyKey.length() > IdempotencyKey.MAX_LENGTH)) {
      throw new InvalidInputException(
          List.of(
              new FieldProblem(
                  IdempotencyKey.HEADER,
                  "must be 1 to " + IdempotencyKey.MAX_LENGTH + " characters")));
    }
    var event = EventConversion.toGoogle(request, zone);
    if (idempotencyKey != null) {
      event.setId(eventIdOf(userId, idempotencyKey));
    }
    var created = access.withAccessToken(userId, token -> calendar.insert(token, event));
    changes.created(userId);
    return EventConversion.toDto(created, zone == null ? null : zone.getId());
  }

  /**
   * The Google event id of the user's create with this key: SHA-256 of both in base32hex (digits
   * and a-v, as Google requires of a client's id), 52 characters.
   */
  static String eventIdOf(long userId, String idempotencyKey) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((userId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8));
      // BigInteger's radix-32 digits are 0-9 then a-v: exactly base32hex
      String digits = new BigInteger(1, hash).toString(32);
      return "0".repeat(EVENT_ID_LENGTH - digits.length()) + digits;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** The rules Bean Validation cannot express; returns the event's zone, or null. */
  private static ZoneId validate(CreateCalendarEventRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    ZoneId zone = null;
    if (request.timeZone() != null && !request.timeZone().isBlank()) {
      if (ZoneId.getAvailableZoneIds().contains(request.timeZone())) {
        zone = ZoneId.of(request.timeZone());
      } else {
        problems.add(new FieldProblem("timeZone", "is not an IANA time zone (e.g. Europe/Berlin)"));
      }
    }
    if (request.allDay()) {
      if (request.startDate() == null) {
        problems.add(new FieldProblem("startDate", "is required for an all-day event"));
      }
      if (request.start() != null || request.end() != null) {
        problems.add(
            new FieldProblem(
                request.start() != null ? "start" : "end",
                "must be empty for an all-day event (use startDate and endDate)"));
      }
      if (request.startDate() != null
          && request.endDate() != null
          && !request.endDate().isAfter(request.startDate())) {
        problems.add(new FieldProblem("endDate", "must be after startDate (it is exclusive)"));
      }
    } else {
      if (request.start() == null) {
        problems.add(new FieldProblem("start", "is required (or set allDay with startDate)"));
      }
      if (request.end() == null) {
        problems.add(new FieldProblem("end", "is required"));
      }
      if (request.start() != null
          && request.end() != null
          && !request.end().isAfter(request.start())) {
        problems.add(new FieldProblem("end", "must be after start"));
      }
      if (request.startDate() != null || request.endDate() != null) {
        problems.add(
            new FieldProblem(
                request.startDate() != null ? "startDate" : "endDate",
                "is only for all-day events (set allDay)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return zone;
  }
}
