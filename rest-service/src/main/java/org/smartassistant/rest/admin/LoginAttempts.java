package org.smartassistant.rest.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed logins per user name, in memory: after {@code maxFailures} failures in a row the name is
 * locked for {@code lockDuration} (even the right password is refused then); a success clears the
 * count. Each rest-service instance counts its own failures; a restart forgets them.
 */
final class LoginAttempts {

  /** Beyond this many names tracked, entries that hold no lock are forgotten first. */
  private static final int MAX_TRACKED = 10_000;

  private final int maxFailures;
  private final java.time.Duration lockDuration;
  private final Clock clock;
  private final Map<String, Failures> failures = new ConcurrentHashMap<>();

  LoginAttempts(int maxFailures, java.time.Duration lockDuration, Clock clock) {
    this.maxFailures = maxFailures;
    this.lockDuration = lockDuration;
    this.clock = clock;
  }

  boolean locked(String name) {
    Failures entry = failures.get(key(name));
    return entry != null
        && entry.lockedUntil() != null
        && clock.instant().isBefore(entry.lockedUntil());
  }

  void failed(String name) {
    if (failures.size() > MAX_TRACKED) {
      failures.values().removeIf(entry -> entry.lockedUntil() == null);
    }
    Instant now = clock.instant();
    failures.compute(
        key(name),
        (key, entry) -> {
          int count =
              entry == null || (entry.lockedUntil() != null && !now.isBefore(entry.lockedUntil()))
                  ? 1
                  : entry.count() + 1;
          return new Failures(count, count >= maxFailures ? now.plus(lockDuration) : null);
        });
  }

  void succeeded(String name) {
    failures.remove(key(name));
  }

  private static String key(String name) {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    return key.length() > 64 ? key.substring(0, 64) : key;
  }

  private record Failures(int count, Instant lockedUntil) {}
}
