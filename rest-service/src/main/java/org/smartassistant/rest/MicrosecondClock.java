package org.smartassistant.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * UTC in whole microseconds: what PostgreSQL stores, so a value reads back as written. Not {@code
 * Clock.tick(..., 1 µs)}: on Java 17 that clock's {@code millis()} divides by zero for ticks under
 * a millisecond, and the stream plumbing reads {@code millis()}.
 */
final class MicrosecondClock extends Clock {

  private final Clock base;

  MicrosecondClock(Clock base) {
    this.base = base;
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new MicrosecondClock(base.withZone(zone));
  }

  @Override
  public long millis() {
    return base.millis();
  }

  @Override
  public Instant instant() {
    return base.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
