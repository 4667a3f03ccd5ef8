package org.smartassistant.common.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartassistant.common.stream.StreamTrimmer.StreamState;

/**
 * The warning {@link StreamTrimmer} gives when a group's backlog reaches 80% of {@code
 * smart.streams.max-length}: at most once a minute per stream, and at once when the backlog newly
 * passes the limit. Past the limit nothing is refused and nothing is trimmed; the stream grows.
 */
final class BacklogWarnings {

  /** Share of the limit at which a backlog is warned about. */
  static final double WARNING_RATIO = 0.8;

  /** The warning about one stream is repeated at most this often. */
  static final Duration WARNING_EVERY = Duration.ofMinutes(1);

  /** Logged under the trimmer's name, where operators look for it. */
  private static final Logger log = LoggerFactory.getLogger(StreamTrimmer.class);

  private record Warning(Instant at, boolean pastLimit) {}

  private final Clock clock;
  private final long limit;
  private final Map<String, Warning> lastWarning = new ConcurrentHashMap<>();

  BacklogWarnings(Clock clock, long limit) {
    this.clock = clock;
    this.limit = limit;
  }

  /** Warns about the stream if its backlog calls for it now. */
  void warnIfBacklogged(StreamState state) {
    long backlog = state.backlog();
    if (backlog < limit * WARNING_RATIO) {
      return;
    }
    boolean pastLimit = backlog > limit;
    Instant now = clock.instant();
    Warning last = lastWarning.get(state.stream());
    if (last != null
        && now.isBefore(last.at().plus(WARNING_EVERY))
        && (last.pastLimit() || !pastLimit)) {
      return; // warned within the minute, and the backlog has not newly passed the limit since
    }
    lastWarning.put(state.stream(), new Warning(now, pastLimit));
    String groups =
        state.groups().isEmpty()
            ? "no consumer group yet"
            : state.groups().stream()
                .map(
                    g ->
                        g.group()
                            + " "
                            + g.backlog()
                            + " unacknowledged ("
                            + g.pending()
                            + " pending, "
                            + g.lag()
                            + " not yet delivered)")
                .collect(Collectors.joining(", "));
    log.warn(
        "stream {} holds {} entries, {}; the backlog is {}% of smart.streams.max-length ({})"
            + " — unread entries are kept, not trimmed{}; is the consumer running?",
        state.stream(),
        state.length(),
        groups,
        backlog * 100 / limit,
        limit,
        pastLimit ? ", the stream grows past the limit" : "");
  }
}
