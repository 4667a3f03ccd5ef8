package org.smartassistant.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the tests move by hand (e.g. to the next day); it reads in UTC. */
public final class MutableClock extends Clock {

  private final Instant start;
  private volatile Instant now;

  public MutableClock(Instant start) {
    this.start = start;
    this.now = start;
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  /** Back to the start instant. */
  public void reset() {
    now = start;
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  /** This clock, read in another zone: it moves with this one. */
  @Override
  public Clock withZone(ZoneId zone) {
    MutableClock moving = this;
    return new Clock() {
      @Override
      public Instant instant() {
        return moving.instant();
      }

      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return moving.withZone(other);
      }
    };
  }
}
