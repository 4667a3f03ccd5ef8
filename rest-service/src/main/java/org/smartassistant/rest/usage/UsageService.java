package org.smartassistant.rest.usage;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.smartassistant.common.api.RecordUsageRequest;
import org.smartassistant.common.api.UsageDto;
import org.smartassistant.common.api.UsageLineDto;
import org.smartassistant.common.web.InvalidInputException;
import org.smartassistant.rest.users.UserLookup;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds what the models cost to a user's day and reports it over a span of days. Days are UTC dates;
 * a span without bounds is today (the service's clock).
 */
@Service
public class UsageService {

  /** The longest span one report covers. */
  static final long MAX_DAYS = 366;

  private final UsageRepository usage;
  private final UserLookup users;
  private final Clock clock;

  UsageService(UsageRepository usage, UserLookup users, Clock clock) {
    this.usage = usage;
    this.users = users;
    this.clock = clock;
  }

  /** Adds the line to the user's usage of its day (in the caller's transaction, if any). */
  @Transactional
  public void record(long userId, RecordUsageRequest request) {
    users.require(userId);
    recordOfKnownUser(userId, request);
  }

  /**
   * Adds the line to the usage of a user the caller found to exist, in the caller's transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordOfKnownUser(long userId, RecordUsageRequest request) {
    usage.add(
        userId, request.at().atOffset(ZoneOffset.UTC).toLocalDate(), request, clock.instant());
  }

  /** The user's usage (null: every user's) from {@code from} to {@code to}, both included. */
  @Transactional(readOnly = true)
  public UsageDto report(Long userId, LocalDate from, LocalDate to) {
    if (userId != null) {
      users.require(userId);
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    LocalDate last = to != null ? to : (from != null && from.isAfter(today) ? from : today);
    LocalDate first = from != null ? from : last;
    if (first.isAfter(last)) {
      throw new InvalidInputException("from", "must not be after to (" + last + ")");
    }
    if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw new InvalidInputException("to", "must be at most " + MAX_DAYS + " days after from");
    }
    List<UsageLineDto> lines = usage.lines(userId, first, last);
    long calls = 0;
    long prompt = 0;
    long completion = 0;
    BigDecimal cost = BigDecimal.ZERO;
    for (UsageLineDto line : lines) {
      calls += line.calls();
      prompt += line.promptTokens();
      completion += line.completionTokens();
      cost = cost.add(line.cost());
    }
    return new UsageDto(
        userId,
        first,
        last,
        calls,
        prompt,
        completion,
        prompt + completion,
        cost.stripTrailingZeros(),
        lines);
  }
}
